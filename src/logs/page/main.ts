/** The logs webview's script: registers the VS Code elements it uses and starts the page. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { parseHostToLogs } from '../protocol';
import './logsPage';
import { type LogsPage } from './logsPage';
import { LogsStore, type VsCodeApi } from './logsStore';

declare function acquireVsCodeApi(): VsCodeApi;

// Lit adopts styles as constructed stylesheets; a browser without them gets <style> elements carrying this nonce.
(window as Window & { litNonce?: string }).litNonce = document.currentScript?.nonce || undefined;

const vscode = acquireVsCodeApi();
const store = LogsStore.restore(vscode, document.body.dataset.initial);
const app = document.getElementById('app') ?? document.body;
if (store) {
  const page = document.createElement('s2z-logs') as LogsPage;
  page.store = store;
  app.replaceChildren(page);
  app.removeAttribute('aria-busy');
  // Only the host's messages, checked: anything else posted to the window is dropped.
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostToLogs(event.data);
    if (message) store.receive(message);
  });
  store.ready();
}
