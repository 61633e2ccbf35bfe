/** The logs page: a toolbar (range, filter, follow, load older, console, copy), the notices, and the lines. */
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { type LogsRangeId, type WireLine } from '../protocol';
import { lineAsText, lineDateTime, lineOrigin, lineTime, streamSlot } from './lineFormat';
import { type LogsStore } from './logsStore';

export class LogsPage extends LitElement {
  static override properties = { store: { attribute: false } };
  declare store: LogsStore;
  private unsubscribe: (() => void) | undefined;
  private seenAppended = -1;
  private stickToBottom = true;
  private filterDraft: string | undefined;

  /** Light DOM: the page's stylesheet (media/webview/logs.css) styles everything; ids stay reachable. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.store?.subscribe(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const list = this.querySelector<HTMLElement>('#log-lines');
    if (!list) return;
    if (this.store.appended !== this.seenAppended) {
      this.seenAppended = this.store.appended;
      if (this.store.state.follow && this.stickToBottom) list.scrollTop = list.scrollHeight;
    }
  }

  private onScroll(event: Event): void {
    const list = event.currentTarget as HTMLElement;
    this.stickToBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  }

  private applyFilter(): void {
    const input = this.querySelector<HTMLInputElement>('#log-filter');
    this.store.setFilter(input?.value ?? '');
    this.filterDraft = undefined;
  }

  private renderLine(line: WireLine) {
    const origin = lineOrigin(line);
    const level = /\b(ERROR|CRITICAL|FATAL)\b/.test(line.message) ? 'error' : /\bWARN(ING)?\b/.test(line.message) ? 'warning' : '';
    return html`<div class="line slot-${streamSlot(line.stream)} ${level}" data-testid="log-line" title=${`${lineDateTime(line.t)} · ${line.stream}`}>
      <span class="time">${lineTime(line.t)}</span>
      ${line.source ? html`<span class="source">${line.source}</span>` : nothing}
      <span class="instance">${origin.instance}</span>
      <span class="copy">${origin.copy}</span>
      <span class="message">${line.message}</span>
    </div>`;
  }

  override render() {
    const store = this.store;
    const state = store.state;
    const target = state.target;
    const status = store.busy
      ? 'Reading…'
      : store.following
        ? `Following${store.nextReadMs !== undefined ? ` · next read in ${Math.round(store.nextReadMs / 1000)} s` : ''}`
        : 'Not following';
    return html`<header class="header">
        <div>
          <h1 id="title">Logs: ${target.name}</h1>
          <div class="subtitle">${target.kind === 'endpoint' ? 'Endpoint' : `Inference component on ${target.endpointName}`} · ${store.connection}</div>
        </div>
        <div id="status" class="status" title=${store.pollNote}>${status} · ${store.lines.length} ${store.lines.length === 1 ? 'line' : 'lines'}</div>
      </header>
      <div class="toolbar" role="toolbar">
        <label class="field">
          <span>Range</span>
          <select
            id="log-range"
            data-testid="log-range"
            .value=${state.range}
            @change=${(event: Event) => {
              const range = (event.target as HTMLSelectElement).value as LogsRangeId;
              this.store.setRange(range, range === 'custom' ? state.customStart : undefined);
            }}
          >
            ${store.ranges.map((range) => html`<option value=${range.id} ?selected=${range.id === state.range}>${range.label}</option>`)}
          </select>
        </label>
        ${state.range === 'custom'
          ? html`<label class="field">
              <span>Since</span>
              <input
                id="log-since"
                type="text"
                placeholder="2026-12-07T09:30 or 2h"
                .value=${state.customStart ?? ''}
                @keydown=${(event: KeyboardEvent) => {
                  if (event.key === 'Enter') this.store.setRange('custom', (event.target as HTMLInputElement).value);
                }}
              />
            </label>`
          : nothing}
        <label class="field grow">
          <span>Filter (CloudWatch Logs filter pattern)</span>
          <input
            id="log-filter"
            data-testid="log-filter"
            type="search"
            spellcheck="false"
            placeholder='ERROR  -ping  "loaded in"'
            .value=${this.filterDraft ?? state.filter}
            @input=${(event: Event) => {
              this.filterDraft = (event.target as HTMLInputElement).value;
            }}
            @keydown=${(event: KeyboardEvent) => {
              if (event.key === 'Enter') this.applyFilter();
            }}
            @search=${() => this.applyFilter()}
          />
        </label>
        <vscode-button id="log-apply" secondary @click=${() => this.applyFilter()}>Apply</vscode-button>
        <label class="toggle" title=${store.pollNote}>
          <input
            id="log-follow"
            data-testid="log-follow"
            type="checkbox"
            .checked=${state.follow}
            @change=${(event: Event) => this.store.setFollow((event.target as HTMLInputElement).checked)}
          />
          Follow
        </label>
        <vscode-button id="log-older" secondary ?disabled=${!store.olderAvailable || store.busy} @click=${() => this.store.loadOlder()}>Load older</vscode-button>
        <vscode-button id="log-console" secondary ?disabled=${!store.consoleAvailable} title=${store.consoleAvailable ? 'Open the log group in the CloudWatch console' : 'The local emulator has no console'} @click=${() => this.store.openConsole()}
          >Open in CloudWatch</vscode-button
        >
        <vscode-button id="log-copy" secondary ?disabled=${store.lines.length === 0} @click=${() => this.store.copyAll(lineAsText)}>Copy</vscode-button>
      </div>
      ${store.inputErrors.filter ? html`<div class="input-error" id="log-filter-error" role="alert">${store.inputErrors.filter}</div>` : nothing}
      ${store.inputErrors.range ? html`<div class="input-error" id="log-range-error" role="alert">${store.inputErrors.range}</div>` : nothing}
      ${store.notices.map(
        (notice) => html`<div class="notice ${notice.kind}" data-testid="log-notice" role="status">
          <p>${notice.message}</p>
          ${notice.policy ? html`<pre class="policy">${notice.policy}</pre>` : nothing}
        </div>`,
      )}
      ${store.dropped > 0 || store.truncated
        ? html`<div class="cap-note" id="log-cap-note">
            ${store.truncated ? 'This range has more lines than the view reads at once: narrow the range or add a filter. ' : ''}${store.dropped > 0
              ? `The page holds the newest ${store.maxLines} lines (setting sagemakerScaleToZero.logs.maxLines); ${store.dropped} older ones were dropped.`
              : ''}
          </div>`
        : nothing}
      <div id="log-lines" class="lines" role="log" aria-live="off" @scroll=${(event: Event) => this.onScroll(event)}>
        ${store.lines.length === 0 && !store.busy ? html`<div class="empty" id="log-empty">No lines in this range${state.filter ? ' match the filter' : ''}.</div>` : nothing}
        ${repeat(store.lines, (line) => line.id, (line) => this.renderLine(line))}
      </div>`;
  }
}
customElements.define('s2z-logs', LogsPage);
