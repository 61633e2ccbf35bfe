import { type HostToPlayground, type PlaygroundToHost } from '../../protocol/playground';

interface VsCodeApi {
  postMessage(message: PlaygroundToHost): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

window.addEventListener('message', (event: MessageEvent<HostToPlayground>) => {
  const message = event.data;
  if (message.type === 'init') {
    document.title = `${message.inferenceComponentName} on ${message.endpointName}`;
  }
});

vscode.postMessage({ type: 'ready' });
