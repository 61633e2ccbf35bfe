import { type ScalingActivitySnapshot } from './resourceSnapshots';

/** Application Auto Scaling's cause of an alarm-driven activity: "monitor alarm <alarm> in state ALARM triggered policy <policy>". */
const alarmCause = /monitor alarm (.+?) in state ALARM triggered policy (.+)/;

/**
 * The alarm (and the policy it triggered) an activity's cause names, when an alarm in ALARM started
 * it; undefined for any other cause (a schedule, a call, a target change). The alarm was in ALARM at
 * the activity's start at the latest: a fast wake can take it back to OK before anyone polls it.
 */
export function alarmThatTriggered(activity: Pick<ScalingActivitySnapshot, 'cause'>): { alarm: string; policy: string } | undefined {
  const match = alarmCause.exec(activity.cause);
  return match ? { alarm: match[1].trim(), policy: match[2].trim() } : undefined;
}
