/** The waking timeline card: each cold-start phase with its time, how long it took, and where the held request stands. */
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { phaseLabels, type Timeline, type TimelinePhase } from '../../protocol';
import { formatEventTime, formatDuration } from '../format';
import { StoreElement } from '../storeElement';
import { phaseState } from '../wakingPhase';

const statusIcons: Record<TimelinePhase['status'], string> = { done: '✓', active: '●', pending: '○', skipped: '–' };

function phaseTimes(timeline: Timeline, record: TimelinePhase, index: number) {
  const state = phaseState(record);
  if (state === 'waiting') return html`<span class="phase-waiting">waiting…</span>`;
  if (record.at === undefined) return nothing;
  let took: number | undefined;
  // How long a lasting phase took (or has taken so far).
  if (record.id === 'instanceProvisioning' || record.id === 'copyStarting') {
    const later = timeline.phases.slice(index + 1).find((candidate) => candidate.at !== undefined && candidate.status === 'done');
    const end = state === 'happening' ? (timeline.endedAt ?? timeline.updatedAt) : later?.at;
    if (end !== undefined) took = end - record.at;
  }
  return html`<span class="phase-time">${formatEventTime(record.at)}</span><span class="phase-elapsed">+${formatDuration(record.at - timeline.startedAt)}</span>${
    took !== undefined ? html`<span class="phase-duration">${formatDuration(took)}</span>` : nothing
  }`;
}

function summary(timeline: Timeline): string {
  const now = timeline.endedAt ?? timeline.updatedAt;
  const elapsed = formatDuration(now - timeline.startedAt);
  switch (timeline.outcome) {
    case 'succeeded': {
      // Answered at the first response (a stream's first token), as its row and the held time say, not when the answer ended.
      const answered = timeline.phases.find((record) => record.id === 'firstResponse' && record.status === 'done')?.at ?? now;
      return `Answered ${formatDuration(answered - timeline.startedAt)} after the first rejection.`;
    }
    case 'deadline':
      return `Gave up after ${elapsed}: the deadline passed.`;
    case 'cancelled':
      return `Cancelled after ${elapsed}.`;
    case 'failed':
      return `Failed after ${elapsed}.`;
    case 'gone':
      return `Stopped after ${elapsed}: the component is gone.`;
    default:
      return `Holding the request: ${elapsed} elapsed, gives up in ${formatDuration(timeline.deadlineAt - now)}.`;
  }
}

export function timelineView(timeline: Timeline) {
  return html`${timeline.note ? html`<div class="note warning">${timeline.note}</div>` : nothing}<ol class="timeline">${timeline.phases.map(
    (record, index) => html`<li class=${`phase phase-${record.status}`} data-phase=${record.id} data-status=${record.status} data-state=${phaseState(record)}>
      <span class="phase-icon">${statusIcons[record.status] ?? '?'}</span>
      <div class="phase-body">
        <div class="phase-head"><span class="phase-label">${phaseLabels[record.id] ?? record.id}</span>${phaseTimes(timeline, record, index)}</div>
        ${record.detail ? html`<div class="phase-detail">${record.detail}</div>` : nothing}
      </div>
    </li>`,
  )}</ol><div class="timeline-summary">${summary(timeline)}</div>`;
}

export class WakingCard extends StoreElement {
  override render() {
    const timeline = this.store.exchange?.timeline;
    return html`<section class="card waking" id="waking-card" ?hidden=${!timeline} aria-labelledby="waking-heading">
      <h2 id="waking-heading">Waking timeline</h2>
      <div id="timeline">${guard([timeline], () => (timeline ? timelineView(timeline) : nothing))}</div>
      ${
        timeline?.outcome === 'succeeded' || timeline?.outcome === 'deadline' || timeline?.outcome === 'failed'
          ? html`<vscode-button secondary data-testid="explain-cold-start" title="Each phase of this wake beside the component's median and the announcement's figures, with what would shorten it" @click=${() => this.store.explainColdStart()}>Explain this cold start</vscode-button>`
          : nothing
      }
    </section>`;
  }
}
customElements.define('s2z-waking-card', WakingCard);
