import { type AwsClients, loadSdk } from '../../aws/clients';
import { isNotFound } from '../../aws/awsErrorCodes';
import { deleteResource } from '../../aws/resourceDeletion';
import { type CreatedResource } from './plan';
import { type OverwrittenResource } from './overwrites';
import { type PlanRunResult, sendPlanCall } from './planRunner';
import { describeResource, type PollOptions, pollUntil, waitUntilGone } from './resourceProbe';


export interface RollbackProgress {
  resource: CreatedResource;
  index: number;
  total: number;
  state: 'started' | 'waiting' | 'done' | 'restored' | 'alreadyGone' | 'failed' | 'notAttempted';
  message: string;
  error?: unknown;
}

export interface RollbackOptions {
  onProgress?(event: RollbackProgress): void;
  wait?(ms: number): Promise<void>;
  /** How long to wait for a resource to leave a busy state or to disappear (default 20 min). */
  timeoutMs?: number;
  pollIntervalMs?: number;
}

export interface NotDeleted {
  resource: CreatedResource;
  /** "inference component demo-ic" */
  description: string;
  /** Why it is still there, in words. */
  reason: string;
  error?: unknown;
}

export interface RollbackResult {
  status: 'succeeded' | 'failed';
  /** Deleted (or found already gone), in the order it happened. */
  deleted: CreatedResource[];
  /** Written back to the state it had before the run wrote over it. */
  restored: CreatedResource[];
  /** Everything the rollback could not delete, named: the failure and what was left after it. */
  notDeleted: NotDeleted[];
  error?: unknown;
}

/**
 * Safe deletion order (the reference's teardown order): schedules → alarms → scaling policies and
 * scheduled actions → scalable targets → inference components → endpoints → endpoint configs → models,
 * then IAM: a role's inline policies before the role (IAM refuses to delete a role that has any).
 */
const deletionRank: Record<CreatedResource['kind'], number> = {
  schedule: 0,
  alarm: 1,
  scalingPolicy: 2,
  scheduledAction: 2,
  scalableTarget: 3,
  inferenceComponent: 4,
  endpoint: 5,
  endpointConfig: 6,
  model: 7,
  rolePolicy: 8,
  role: 9,
};

/** The order a rollback deletes `created` in: dependency order first, then newest first. */
export function rollbackOrder(created: readonly CreatedResource[]): CreatedResource[] {
  return created
    .map((resource, index) => ({ resource, index }))
    .sort((a, b) => deletionRank[a.resource.kind] - deletionRank[b.resource.kind] || b.index - a.index)
    .map((entry) => entry.resource);
}

/** The service refuses to delete while the resource is being created or changed: wait and try again. */
function isBusy(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'ValidationException' || error.name === 'ConcurrentUpdateException' || error.name === 'ConflictException') &&
    /while it is in|in-progress|in progress/i.test(error.message)
  );
}


/**
 * Puts back what a run wrote over (`result.overwritten`, newest first: alarms with their own actions,
 * scaling policies, scalable targets, schedules as they were), then deletes exactly what it created
 * (`result.created`), newest first in the safe dependency order, and nothing that existed before:
 * steps skipped on resume and resources that existed are never in `created`. An inference component
 * is waited for until it is gone before its endpoint is deleted, and an endpoint until it is gone
 * before its config. Stops at the first failure and names everything left.
 */
export async function rollbackPlan(
  clients: AwsClients,
  result: Pick<PlanRunResult, 'created'> & { overwritten?: readonly OverwrittenResource[] },
  options: RollbackOptions = {},
): Promise<RollbackResult> {
  const sdk = await loadSdk();
  const restores = [...(result.overwritten ?? [])].reverse();
  const order = rollbackOrder(result.created);
  const total = restores.length + order.length;
  const deleted: CreatedResource[] = [];
  const restored: CreatedResource[] = [];
  const poll = (onPoll?: PollOptions['onPoll']): PollOptions => ({
    wait: options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    intervalMs: options.pollIntervalMs ?? 10_000,
    timeoutMs: options.timeoutMs ?? 20 * 60_000,
    onPoll,
  });

  const leftAfter = (index: number, description: string, why: string): NotDeleted[] => {
    const left: NotDeleted[] = [];
    const later = [...restores.map((entry) => entry.resource), ...order].slice(index + 1);
    for (const [offset, resource] of later.entries()) {
      const laterDescription = describeResource(resource);
      const restore = index + 1 + offset < restores.length;
      const reason = `Not attempted: the ${description} could not be ${why} first.`;
      options.onProgress?.({ resource, index: index + 1 + offset, total, state: 'notAttempted', message: `${restore ? 'Restore' : 'Delete'} ${laterDescription}: ${reason}` });
      left.push({ resource, description: laterDescription, reason: restore ? `${reason} It still has the settings the wizard wrote.` : reason });
    }
    return left;
  };

  for (const [index, entry] of restores.entries()) {
    const description = describeResource(entry.resource);
    options.onProgress?.({ resource: entry.resource, index, total, state: 'started', message: `Restore ${description} as it was…` });
    try {
      await sendPlanCall(clients, sdk, { id: `restore ${description}`, ...entry.restore });
      restored.push(entry.resource);
      options.onProgress?.({ resource: entry.resource, index, total, state: 'restored', message: `Restore ${description}: done, it has its earlier settings again.` });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      options.onProgress?.({ resource: entry.resource, index, total, state: 'failed', message: `Restore ${description}: failed: ${reason}`, error });
      const notRestored: NotDeleted = { resource: entry.resource, description, reason: `Could not put back its earlier settings: ${reason}`, error };
      return { status: 'failed', deleted, restored, notDeleted: [notRestored, ...leftAfter(index, description, 'restored')], error };
    }
  }

  for (const [orderIndex, resource] of order.entries()) {
    const index = restores.length + orderIndex;
    const description = describeResource(resource);
    const report = (state: RollbackProgress['state'], message: string, error?: unknown) =>
      options.onProgress?.({ resource, index, total, state, message, error });
    report('started', `Delete ${description}…`);
    try {
      let gone = false;
      // Retry while the service says the resource is busy (an IC still Creating cannot be deleted).
      await pollUntil(
        description,
        async () => {
          try {
            await deleteResource(clients, resource, sdk);
            return { state: 'done', status: 'deleting' };
          } catch (error) {
            if (isNotFound(error)) {
              gone = true;
              return { state: 'done', status: 'gone' };
            }
            if (isBusy(error)) return { state: 'pending', status: 'busy' };
            throw error;
          }
        },
        poll((status) => {
          if (status === 'busy') report('waiting', `Delete ${description}: waiting until it can be deleted.`);
        }),
      );
      if (!gone && (resource.kind === 'inferenceComponent' || resource.kind === 'endpoint')) {
        await waitUntilGone(
          clients,
          resource,
          poll((status) => {
            if (status !== 'gone') report('waiting', `Delete ${description}: waiting until it is gone (${status}).`);
          }),
          sdk,
        );
      }
      deleted.push(resource);
      report(gone ? 'alreadyGone' : 'done', gone ? `Delete ${description}: already gone.` : `Delete ${description}: done.`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      report('failed', `Delete ${description}: failed: ${reason}`, error);
      const notDeleted: NotDeleted[] = [{ resource, description, reason, error }, ...leftAfter(index, description, 'deleted')];
      return { status: 'failed', deleted, restored, notDeleted, error };
    }
  }
  return { status: 'succeeded', deleted, restored, notDeleted: [] };
}
