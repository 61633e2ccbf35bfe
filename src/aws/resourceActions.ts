import { type TeardownStep } from '../resources/resourceSnapshots';
import { isNotFound } from './awsErrorCodes';
import { type AwsClients, loadSdk } from './clients';
import { deleteResource } from './resourceDeletion';

/** Where a teardown is; the caller words it (src/teardown's describeTeardownProgress). */
export type TeardownProgress =
  | { step: TeardownStep; index: number; total: number; state: 'started' | 'done' | 'alreadyGone' }
  | { step: TeardownStep; index: number; total: number; state: 'failed'; error: unknown };

export interface TeardownOutcome {
  completed: TeardownStep[];
  /** The step that failed and everything after it: still present, and named to the user. */
  remaining: TeardownStep[];
  error?: unknown;
}

/** Sets an inference component's copy count: 0 puts it to sleep, n wakes it. */
export async function setCopyCount(clients: AwsClients, name: string, copyCount: number): Promise<void> {
  if (!Number.isInteger(copyCount) || copyCount < 0) throw new RangeError('The copy count must be a whole number, 0 or more.');
  const sdk = await loadSdk();
  await clients.sageMaker.send(
    new sdk.UpdateInferenceComponentRuntimeConfigCommand({ InferenceComponentName: name, DesiredRuntimeConfig: { CopyCount: copyCount } }),
  );
}

export interface TeardownOptions {
  onProgress?: (progress: TeardownProgress) => void;
  /** Waits between polls for an IC to disappear; tests on a virtual clock pass their own. */
  wait?: (ms: number) => Promise<void>;
  /** How long to wait for inference components to be gone before deleting their endpoint. */
  componentDeletionTimeoutMs?: number;
}

/**
 * Runs a teardown plan in its order and stops at the first failure, so nothing later (an endpoint
 * whose components could not be deleted, say) is attempted. An endpoint is deleted only after its
 * inference components are really gone: through the API, ICs have been seen to outlive it.
 */
export async function runTeardown(clients: AwsClients, steps: TeardownStep[], options: TeardownOptions = {}): Promise<TeardownOutcome> {
  const sdk = await loadSdk();
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const completed: TeardownStep[] = [];
  const pendingComponents: string[] = [];
  const report = (progress: TeardownProgress) => options.onProgress?.(progress);

  const waitForComponentsGone = async () => {
    const deadline = Date.now() + (options.componentDeletionTimeoutMs ?? 15 * 60_000);
    while (pendingComponents.length > 0) {
      const name = pendingComponents[0];
      try {
        await clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: name }));
      } catch (error) {
        if (isNotFound(error)) {
          pendingComponents.shift();
          continue;
        }
        throw error;
      }
      if (Date.now() > deadline) throw new Error(`Inference component ${name} is still being deleted; the endpoint was left in place.`);
      await wait(2_000);
    }
  };

  const execute = async (step: TeardownStep): Promise<void> => {
    switch (step.kind) {
      case 'deleteSchedule':
        return deleteResource(clients, { kind: 'schedule', name: step.name, group: step.group }, sdk);
      case 'deleteAlarms':
        // One call for all of them: DeleteAlarms takes a list.
        await clients.cloudWatch.send(new sdk.DeleteAlarmsCommand({ AlarmNames: step.names }));
        return;
      case 'deregisterScalableTarget':
        return deleteResource(clients, { kind: 'scalableTarget', resourceId: step.resourceId, scalableDimension: step.scalableDimension }, sdk);
      case 'deleteInferenceComponent':
        await deleteResource(clients, { kind: 'inferenceComponent', name: step.name }, sdk);
        pendingComponents.push(step.name);
        return;
      case 'deleteEndpoint':
        await waitForComponentsGone();
        return deleteResource(clients, { kind: 'endpoint', name: step.name }, sdk);
      case 'deleteEndpointConfig':
        return deleteResource(clients, { kind: 'endpointConfig', name: step.name }, sdk);
      case 'deleteModel':
        await waitForComponentsGone();
        return deleteResource(clients, { kind: 'model', name: step.name }, sdk);
    }
  };

  for (const [index, step] of steps.entries()) {
    const base = { step, index, total: steps.length };
    report({ ...base, state: 'started' });
    try {
      await execute(step);
      completed.push(step);
      report({ ...base, state: 'done' });
    } catch (error) {
      if (isNotFound(error)) {
        completed.push(step);
        report({ ...base, state: 'alreadyGone' });
        continue;
      }
      report({ ...base, state: 'failed', error });
      return { completed, remaining: steps.slice(index), error };
    }
  }
  return { completed, remaining: [] };
}
