import * as vscode from 'vscode';

/**
 * A fresh CSP nonce for each page: 128 random bits from the OS's CSPRNG (Web Crypto, global in Node 20),
 * as 32 hex characters. Not an import of node:crypto: that loads Node's crypto internals when the
 * extension's bundle loads, about 3 ms of start-up, for a page that may never open.
 */
function nonce(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(16))).toString('hex');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One of the extension's webview pages: `dist/webview/<name>.js` and `<name>.css`, built by esbuild.mjs. */
export interface WebviewPage {
  name: string;
  title: string;
  /** The page's first state, JSON in `<body data-initial>` (the page reads it before any message). */
  initial: unknown;
}

/**
 * The HTML of a webview page (the playground, the logs view): nothing loads but the page's own script
 * and stylesheet, each with this page's nonce, and the webview's own images and fonts.
 */
export function webviewPageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, `${page.name}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, `${page.name}.css`));
  const pageNonce = nonce();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `style-src ${webview.cspSource} 'nonce-${pageNonce}'`,
    `script-src 'nonce-${pageNonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${style.toString()}" nonce="${pageNonce}">
  <title>${escapeAttribute(page.title)}</title>
</head>
<body data-initial="${escapeAttribute(JSON.stringify(page.initial))}">
  <main id="app" aria-busy="true"></main>
  <script nonce="${pageNonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
