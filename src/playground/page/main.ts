/** The playground webview's script: registers the VS Code elements the cards use and starts the page. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { mountPlayground } from './mountPlayground';
import { type VsCodeApi } from './playgroundStore';

declare function acquireVsCodeApi(): VsCodeApi;

// Lit adopts styles as constructed stylesheets, which the CSP does not restrict; a browser without them
// gets <style> elements instead, and those carry this script's nonce (allowed by the CSP's style-src).
(window as Window & { litNonce?: string }).litNonce = document.currentScript?.nonce || undefined;

mountPlayground(window, acquireVsCodeApi());
