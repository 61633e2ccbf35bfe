import { type RestJsonService } from '../services/service';
import { scheduleGroupRoutes } from './scheduleGroups';
import { scheduleRoutes } from './scheduleRoutes';
import { type ScheduleRunner } from './scheduleRunner';

/** EventBridge Scheduler (restJson1): schedules in the default group, fired on the virtual clock. */
export function createSchedulerService(runner: ScheduleRunner, canAssume?: (roleArn: string, now: number) => boolean): RestJsonService {
  return {
    protocol: 'restJson',
    name: 'scheduler',
    signingName: 'scheduler',
    pathPrefixes: ['/schedules', '/schedule-groups', '/tags'],
    routes: [...scheduleRoutes(runner, canAssume), ...scheduleGroupRoutes],
  };
}
