import { type ScalingActivitySnapshot } from './resourceSnapshots';

/**
 * What an Application Auto Scaling activity says about an inference component's copy count: the one
 * place that reads it (lifecycle, held requests and the cost lens all ask here).
 *
 * AWS's model (botocore, application-autoscaling 2016-02-06, `ScalingActivity`) has no structured
 * member for the capacity an activity sets. Its structured members are `StatusCode`, `StartTime` and
 * `EndTime`; `Description`, `Cause`, `StatusMessage` and `Details` are free text, and
 * `NotScaledReasons` (capacities, but only for activities that did not scale) comes only with
 * `IncludeNotScaledActivities`. AWS documents the wording for an ECS service ("Setting desired count
 * to 1.", "Successfully set desired count to 1. ...") and none for inference components. So a number
 * read from the text is a hint: every caller keeps a stated fallback for an activity whose text names
 * no count (another wording, an empty description).
 */

/**
 * "Setting desired copy count to 1.", "Setting desired capacity to 1.", "Successfully set desired
 * count to 1.": the word "desired", a few words, "to" and the number.
 */
const desiredCountInText = /\bdesired\b[\w\s-]{0,40}?\bto\s+(\d+)\b/i;

/**
 * "Setting min capacity to 0 and max capacity to 1": a scheduled action changing the scalable
 * target's limits, which is not itself a change of the copy count (any change it causes is an
 * activity of its own).
 */
const limitsInText = /\b(?:min|max)(?:imum)? capacity to\s+\d+/i;

function countIn(text: string | undefined): number | undefined {
  const match = text ? desiredCountInText.exec(text) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * The copy count the activity sets, when its text names one: the description, or, for a successful
 * activity, its status message ("Successfully set ... to N."). Undefined when neither names a count.
 */
export function copyCountNamedBy(activity: Pick<ScalingActivitySnapshot, 'description' | 'status' | 'statusMessage'>): number | undefined {
  return countIn(activity.description) ?? (activity.status === 'Successful' ? countIn(activity.statusMessage) : undefined);
}

/** Pending or InProgress: Application Auto Scaling has not finished the change. */
export function isUnfinished(activity: Pick<ScalingActivitySnapshot, 'status'>): boolean {
  return activity.status === 'Pending' || activity.status === 'InProgress';
}

/** What the caller knows besides the activity, for an activity whose text names no count. */
export interface WakeEvidence {
  /**
   * Since when the component is known to have had no copy (a request was refused for lack of
   * capacity then). An activity that started after that could only add copies.
   */
  zeroSince?: Date;
  /** The component's wake alarm: an activity whose cause names it was started by that alarm's step policy. */
  wakeAlarmName?: string;
}

/**
 * True when the activity raises the copy count of a component that has none. A count named in the
 * text decides (above 0: yes). Without one: yes when the activity started after the component was
 * known to be at zero (`zeroSince`), or when its cause names the wake alarm; otherwise no (the
 * caller then reads the alarm, a refused request and the instance counts instead). An activity that
 * names only the target's minimum or maximum capacity is not the one that changes the count.
 */
export function wakesFromZero(activity: ScalingActivitySnapshot, evidence: WakeEvidence = {}): boolean {
  const named = copyCountNamedBy(activity);
  if (named !== undefined) return named > 0;
  if (limitsInText.test(activity.description)) return false;
  if (evidence.zeroSince !== undefined && activity.startTime.getTime() >= evidence.zeroSince.getTime()) return true;
  return evidence.wakeAlarmName !== undefined && evidence.wakeAlarmName !== '' && activity.cause.includes(evidence.wakeAlarmName);
}

/** One change of the copy count: when it took effect and what it set (undefined: the activity did not say). */
export interface CopyCountChange {
  at: Date;
  copies: number | undefined;
}

/**
 * The copy-count changes a component's activities record: each successful activity, at its end (its
 * start when it has none), oldest first, with the count its text names or undefined. An activity
 * whose text names only the scalable target's minimum or maximum capacity is left out.
 */
export function copyCountChanges(activities: readonly ScalingActivitySnapshot[]): CopyCountChange[] {
  return activities
    .filter((activity) => activity.status === 'Successful')
    .map((activity) => ({ at: activity.endTime ?? activity.startTime, copies: copyCountNamedBy(activity), limitsOnly: limitsInText.test(activity.description) }))
    .filter((change) => change.copies !== undefined || !change.limitsOnly)
    .map(({ at, copies }) => ({ at, copies }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * One line for a person: the activity's description (or, without one, its status message, or
 * "A scaling activity"), and its status.
 */
export function describeActivity(activity: Pick<ScalingActivitySnapshot, 'description' | 'status' | 'statusMessage'>): string {
  const text = activity.description.trim() || activity.statusMessage?.trim() || 'A scaling activity';
  return `${text} (${activity.status})`;
}
