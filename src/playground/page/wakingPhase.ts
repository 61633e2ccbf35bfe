/**
 * Where a held request's cold start stands, read once from its timeline: the waking card's rows and
 * the header's badge both come from here, so the header cannot say a phase is happening while the
 * timeline still shows it as waited for. No DOM.
 */
import { phaseLabels, type Timeline, type TimelinePhase } from '../protocol';
import { formatEventTime } from './format';

/**
 * How one phase is shown: `waiting` (the request waits for it: no time yet), `happening` (it began at
 * its time and goes on), or as recorded (`done`, `skipped`, `pending`).
 */
export type PhaseState = 'waiting' | 'happening' | 'done' | 'skipped' | 'pending';

export function phaseState(record: TimelinePhase): PhaseState {
  if (record.status !== 'active') return record.status;
  return record.at === undefined ? 'waiting' : 'happening';
}

/** The phase a still-held request is at (waiting for it, or in it), or undefined once it ended. */
export function currentPhase(timeline: Timeline): { record: TimelinePhase; state: 'waiting' | 'happening' } | undefined {
  if (timeline.outcome) return undefined;
  for (const record of timeline.phases) {
    const state = phaseState(record);
    if (state === 'waiting' || state === 'happening') return { record, state };
  }
  return undefined;
}

/** A label inside a sentence: "Wake alarm in ALARM" → "wake alarm in ALARM" (acronyms kept). */
function inSentence(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** The header's badge while a request is held: "Waking · waiting for wake alarm in ALARM", "Waking · instance provisioning since 23:03:07". */
export function wakingBadge(timeline: Timeline): string {
  const now = currentPhase(timeline);
  if (!now) return 'Waking';
  const label = inSentence(phaseLabels[now.record.id] ?? now.record.id);
  return now.state === 'waiting' ? `Waking · waiting for ${label}` : `Waking · ${label} since ${formatEventTime(now.record.at)}`;
}
