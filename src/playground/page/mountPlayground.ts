/** Starts the page in a document: restores its state, renders it, and wires it to the host's messages. */
import { parseHostToPlayground } from '../protocol';
import './components/playgroundPage';
import { type PlaygroundPage } from './components/playgroundPage';
import { PlaygroundStore, type VsCodeApi } from './playgroundStore';
import { restoreSavedPage } from './savedPage';

const refreshEveryMs = 30_000;

export interface MountedPlayground {
  readonly store: PlaygroundStore;
  readonly page: PlaygroundPage;
  dispose(): void;
}

export function mountPlayground(window: Window, vscode: VsCodeApi): MountedPlayground {
  const document = window.document;
  const store = new PlaygroundStore(vscode, restoreSavedPage(vscode.getState(), document.body.dataset.initial));
  const page = document.createElement('s2z-playground') as PlaygroundPage;
  page.store = store;
  const app = document.getElementById('app') ?? document.body;
  app.replaceChildren(page);
  app.removeAttribute('aria-busy');
  // Only the host's messages, validated: anything else posted to the window is dropped.
  const onMessage = (event: MessageEvent<unknown>) => {
    const message = parseHostToPlayground(event.data);
    if (message) store.receive(message);
  };
  window.addEventListener('message', onMessage);
  const timer = window.setInterval(() => {
    if (document.visibilityState === 'visible' && !store.running) store.refresh();
  }, refreshEveryMs);
  store.ready();
  return {
    store,
    page,
    dispose() {
      window.clearInterval(timer);
      window.removeEventListener('message', onMessage);
      page.remove();
    },
  };
}
