/** The base of the page's components: a Lit element that renders from the page's store and re-renders when it changes. */
import { LitElement, type PropertyValues } from 'lit';
import { type PlaygroundStore } from './playgroundStore';

export abstract class StoreElement extends LitElement {
  static override properties = { store: { attribute: false } };
  declare store: PlaygroundStore;
  private unsubscribe: (() => void) | undefined;

  /**
   * Light DOM: the page's one stylesheet (media/webview/playground.css, built into dist/webview/playground.css, loaded under the CSP) styles
   * every card, and the ids stay reachable from the document. The elements add no box of their own
   * (`display: contents` in that stylesheet).
   */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') && this.isConnected) this.listen();
  }

  private listen(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.store?.subscribe(() => this.requestUpdate());
  }
}
