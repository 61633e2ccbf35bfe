/** The request card: template, media types, parameters, body, its problems, the wait deadline, Wake now and the send buttons. */
import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import { parameterFields, templates } from '../format';
import { codeChoices } from '../codeChoices';
import { StoreElement } from '../storeElement';

/**
 * Opens a select's menu above it when there is no room below (the Copy as Code select sits at the
 * bottom of the card, often at the bottom of the window): vscode-single-select always opens below.
 */
const placeMenu = (event: Event) => {
  const select = event.currentTarget as HTMLElement & { position: 'above' | 'below' };
  const room = window.innerHeight - select.getBoundingClientRect().bottom;
  select.position = room < codeChoices.length * 22 + 8 ? 'above' : 'below';
};

/** What the user typed into a text field, text area or select (vscode-elements keep it in `value`). */
const typed = (event: Event) => (event.target as HTMLInputElement).value;

export class RequestCard extends StoreElement {
  override render() {
    const store = this.store;
    const request = store.request;
    const problems = store.problems;
    const blocked = store.running || problems.length > 0 || !store.callable;
    return html`<section class="card request" aria-labelledby="request-heading">
      <h2 id="request-heading">Request</h2>
      <div class="row">
        <label for="template">Template</label>
        <vscode-single-select id="template" .value=${live(request.template)} @change=${(event: Event) => store.chooseTemplate(typed(event))}>
          ${templates.map((template) => html`<vscode-option value=${template.id} ?selected=${template.id === request.template}>${template.label}</vscode-option>`)}
        </vscode-single-select>
      </div>
      <div class="row two">
        <div><label for="content-type">Content type</label><vscode-textfield id="content-type" .value=${live(request.contentType)} @input=${(event: Event) => store.editField('contentType', typed(event))}></vscode-textfield></div>
        <div><label for="accept">Accept</label><vscode-textfield id="accept" .value=${live(request.accept)} @input=${(event: Event) => store.editField('accept', typed(event))}></vscode-textfield></div>
      </div>
      <div class="row two" id="parameters">${request.template === 'raw' ? [] : parameterFields.map((field) => this.parameter(field))}</div>
      <label for="body">Body</label>
      <vscode-textarea id="body" rows="10" resize="vertical" monospace spellcheck="false" .value=${live(request.body)} @input=${(event: Event) => store.editBody(typed(event))}></vscode-textarea>
      <ul id="problems" class="problems" aria-live="polite">${problems.map((problem) => html`<li>${problem}</li>`)}</ul>
      <div class="row two">
        <div><label for="deadline">Hold during a cold start for at most (s)</label><vscode-textfield id="deadline" type="number" min="10" max="3600" .value=${live(request.deadline)} @input=${(event: Event) => store.editField('deadline', typed(event))}></vscode-textfield></div>
        <div class="wake">
          <!-- The label attribute only: vscode-checkbox shows slotted text beside it until its next render. -->
          <vscode-checkbox id="wake-now" label="Wake now" ?disabled=${!store.callable} .checked=${live(request.wakeNow)} @change=${(event: Event) => store.setWakeNow((event.target as HTMLInputElement).checked)}></vscode-checkbox>
          <div class="hint">Sets one copy directly instead of waiting about a minute for the wake alarm. Auto scaling owns the count afterwards.</div>
        </div>
      </div>
      <div class="actions">
        <vscode-button id="invoke" ?disabled=${blocked} @click=${() => store.send('invoke')}>Invoke</vscode-button>
        <vscode-button id="stream" secondary ?disabled=${blocked} @click=${() => store.send('stream')}>Stream</vscode-button>
        <vscode-button id="cancel" secondary ?disabled=${!store.running} @click=${() => store.cancel()}>Cancel</vscode-button>
        <vscode-progress-ring id="busy" ?hidden=${!store.running}></vscode-progress-ring>
        <span id="state-line" class="muted" aria-live="polite">${store.stateLine}</span>
      </div>
      <div class="copy-as-code">
        <label for="copy-as-code-language">Copy as Code: this request as a client that waits through a cold start</label>
        <div class="copy-row">
          <vscode-single-select id="copy-as-code-language" data-testid="copy-as-code-language" .value=${live(store.codeChoice.id)} @pointerdown=${placeMenu} @focus=${placeMenu} @change=${(event: Event) => store.chooseCode(typed(event))}>
            ${codeChoices.map((choice) => html`<vscode-option value=${choice.id} ?selected=${choice.id === store.codeChoice.id}>${choice.label}</vscode-option>`)}
          </vscode-single-select>
          <vscode-button id="copy-as-code" data-testid="copy-as-code" secondary title="Opens the request as a program in a new editor and copies it to the clipboard" ?disabled=${problems.length > 0} @click=${() => store.copyAsCode()}>Copy</vscode-button>
        </div>
      </div>
    </section>`;
  }

  private parameter(field: (typeof parameterFields)[number]) {
    // A text field: the number rules are checked by the page, in words, rather than by the browser.
    return html`<div>
      <label for=${`param-${field.key}`}>${field.label}</label>
      <vscode-textfield
        id=${`param-${field.key}`}
        inputmode=${field.integer ? 'numeric' : 'decimal'}
        placeholder=${`${field.min}–${field.max}`}
        ?invalid=${this.store.parameterInvalid(field)}
        .value=${live(this.store.request.parameters[field.key])}
        @input=${(event: Event) => this.store.editParameter(field.key, typed(event))}
      ></vscode-textfield>
    </div>`;
  }
}
customElements.define('s2z-request-card', RequestCard);
