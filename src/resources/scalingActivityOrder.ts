import { type ScalingActivitySnapshot } from './resourceSnapshots';

/**
 * The order of Application Auto Scaling's activities. AWS documents "sorted by start time, in
 * progress first" for EC2 Auto Scaling's DescribeScalingActivities, not for Application Auto
 * Scaling's, and the model says nothing; the emulator answers newest first. So the extension sorts
 * what it reads, and stops reading pages early only when the service is seen answering newest first.
 */

/** The activities, newest start first (a copy; ties keep the service's order). */
export function newestFirst<Activity extends Pick<ScalingActivitySnapshot, 'startTime'>>(activities: readonly Activity[]): Activity[] {
  return [...activities].sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
}

/**
 * True when the pages after this one can only hold activities that started before `since`: this page
 * is newest first and reaches before `since`. A page in another order never stops the reading.
 */
export function laterPagesAreOlder(page: readonly Pick<ScalingActivitySnapshot, 'startTime'>[], since: Date): boolean {
  const times = page.map((activity) => activity.startTime.getTime());
  const newestFirstPage = times.every((time, index) => index === 0 || times[index - 1] >= time);
  return newestFirstPage && times.some((time) => time < since.getTime());
}
