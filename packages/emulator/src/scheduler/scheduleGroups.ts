import { sendRestJson } from '../protocols/restJsonProtocol';
import { type RestJsonRoute } from '../services/service';
import { notFound } from './schedulerErrors';

/** The one schedule group the emulator has. */
export const defaultGroup = 'default';

/** Any other group is ResourceNotFoundException, as for a group that was never created. */
export function checkGroup(group: string): void {
  if (group !== defaultGroup) throw notFound(`Schedule group ${group} does not exist.`);
}

/** GetScheduleGroup and ListScheduleGroups: the default group only. */
export const scheduleGroupRoutes: readonly RestJsonRoute[] = [
  {
    method: 'GET',
    pattern: /^\/schedule-groups\/(?<name>[^/]+)$/,
    operation: 'GetScheduleGroup',
    handle: async (request, context) => {
      checkGroup(request.params.name);
      sendRestJson(request.response, context.requestId, 200, {
        Arn: `arn:aws:scheduler:${context.region}:${context.accountId}:schedule-group/default`,
        Name: defaultGroup,
        State: 'ACTIVE',
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/schedule-groups\/?$/,
    operation: 'ListScheduleGroups',
    handle: async (request, context) => {
      sendRestJson(request.response, context.requestId, 200, {
        ScheduleGroups: [{ Arn: `arn:aws:scheduler:${context.region}:${context.accountId}:schedule-group/default`, Name: defaultGroup, State: 'ACTIVE' }],
      });
    },
  },
];
