/** The page's header: the component's name, its endpoint and connection, and its status badge. */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { StoreElement } from '../storeElement';

export class StatusHeader extends StoreElement {
  override render() {
    const { title, endpointText, connection, status } = this.store;
    return html`<header class="header">
      <div class="title-block">
        <h1 id="title">${title}</h1>
        <div class="subtitle"><span id="endpoint">${endpointText}</span><span class="dot">·</span><span id="connection">${connection}</span></div>
      </div>
      <vscode-badge id="status" variant="default" data-state=${ifDefined(status.state)}>${status.text}</vscode-badge>
    </header>`;
  }
}
customElements.define('s2z-status-header', StatusHeader);
