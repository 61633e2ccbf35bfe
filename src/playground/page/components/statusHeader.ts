/**
 * The page's header: the component's name, its endpoint and connection, and its status badge; below
 * it, when the component is gone, that sentence and a Close button, or, when its status could not be
 * read, the read problem.
 */
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { StoreElement } from '../storeElement';

export class StatusHeader extends StoreElement {
  override render() {
    const { title, endpointText, connection, status, gone, readProblem } = this.store;
    return html`<header class="header">
        <div class="title-block">
          <h1 id="title">${title}</h1>
          <div class="subtitle"><span id="endpoint">${endpointText}</span><span class="dot">·</span><span id="connection">${connection}</span></div>
        </div>
        <vscode-badge id="status" variant="default" data-state=${ifDefined(status.state)}>${status.text}</vscode-badge>
      </header>
      ${gone !== undefined
        ? html`<div id="gone" class="banner gone" role="alert">
            <span class="banner-text">${gone} Invoke is off.</span>
            <vscode-button id="close" @click=${() => this.store.close()}>Close Playground</vscode-button>
          </div>`
        : nothing}
      ${gone === undefined && readProblem !== undefined
        ? html`<div id="read-problem" class="note warning" role="status">Could not read the component's status: ${readProblem}. Refresh tries again.</div>`
        : nothing}`;
  }
}
customElements.define('s2z-status-header', StatusHeader);
