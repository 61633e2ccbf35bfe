/**
 * A browser window for the playground page's tests: happy-dom's DOM, installed as the globals the
 * page (and Lit) use, for as long as a test file needs it. Load the page's modules after `install()`:
 * Lit binds to the document it finds when it loads.
 */
import { Window } from 'happy-dom';

const globalNames = [
  'window',
  'document',
  'customElements',
  'Document',
  'NodeFilter',
  'HTMLTemplateElement',
  'SVGElement',
  'HTMLElement',
  'Element',
  'Node',
  'Text',
  'Comment',
  'DocumentFragment',
  'ShadowRoot',
  'CSSStyleSheet',
  'MutationObserver',
  'Event',
  'CustomEvent',
  'MessageEvent',
  'requestAnimationFrame',
  'cancelAnimationFrame',
] as const;

export interface PageWindow {
  readonly window: Window;
  /** Removes the globals and closes the window. */
  uninstall(): Promise<void>;
}

export function installPageWindow(html: string): PageWindow {
  const window = new Window({ url: 'https://playground.test/' });
  window.document.write(html);
  const target = globalThis as Record<string, unknown>;
  const previous = new Map<string, PropertyDescriptor | undefined>();
  for (const name of globalNames) {
    previous.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    const value = name === 'window' ? window : (window as unknown as Record<string, unknown>)[name];
    Object.defineProperty(globalThis, name, { value: typeof value === 'function' && /^[a-z]/.test(name) ? value.bind(window) : value, configurable: true, writable: true });
  }
  return {
    window,
    async uninstall() {
      for (const [name, descriptor] of previous) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete target[name];
      }
      await window.happyDOM.close();
    },
  };
}
