import { findIdleTimeout } from '../resources/idleTimeout';
import { type InferenceComponentScaling } from '../resources/resourceSnapshots';

/**
 * What an idle timeout does to a wake that no request asked for (Set Copy Count, a schedule):
 * its alarm counts requests, not copies, so while it stays in ALARM Application Auto Scaling keeps
 * running its set-to-zero policy and the copies go back to 0 within about a minute. Undefined when the
 * component has no working idle timeout, or its alarm is not in ALARM (a request arrived lately).
 */
export function idleTimeoutUndoesWake(icName: string, scaling: InferenceComponentScaling | undefined): string | undefined {
  if (!scaling) return undefined;
  const idle = findIdleTimeout(icName, scaling);
  if (!idle?.policy || !idle.alarm.actionsEnabled || idle.alarm.state !== 'ALARM') return undefined;
  return (
    `Its idle timeout (${idle.minutes} minutes) is in ALARM: its alarm counts requests, not copies, so unless a request arrives ` +
    `it sets 0 copies again within about a minute. Send a request (the playground holds it through the wake), or turn the idle timeout off with Set Idle Timeout… first.`
  );
}
