import { type SageMakerStore } from '../sagemaker/store';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

/** A plain summary of every resource for debugging (GET /__emulator/state); times in epoch seconds. */
export function summarizeState(store: SageMakerStore) {
  const state = store.state;
  return {
    models: state.models.map((model) => model.name),
    endpointConfigs: state.endpointConfigs.map((config) => config.name),
    endpoints: state.endpoints.map((endpoint) => ({
      name: endpoint.name,
      status: endpoint.status,
      endpointConfigName: endpoint.configName,
      transitionEndsAt: seconds(endpoint.transitionEndsAt),
      variants: endpoint.variants.map((variant) => ({
        name: variant.spec.variantName,
        instanceType: variant.spec.instanceType,
        managedInstanceScaling: variant.spec.managedInstanceScaling,
        currentInstanceCount: variant.instances.filter((instance) => instance.state === 'running').length,
        desiredInstanceCount: variant.instances.length,
        instances: variant.instances.map((instance) => ({
          id: instance.id,
          state: instance.state,
          readyAt: seconds(instance.readyAt),
          idleSince: seconds(instance.idleSince),
        })),
      })),
    })),
    inferenceComponents: state.inferenceComponents.map((ic) => ({
      name: ic.name,
      endpointName: ic.endpointName,
      orphaned: !store.endpointById(ic.endpointId),
      status: ic.status,
      desiredCopyCount: ic.desiredCopyCount,
      currentCopyCount: ic.copies.filter((copy) => copy.state === 'running').length,
      copies: ic.copies.map((copy) => ({
        id: copy.id,
        instanceId: copy.instanceId,
        state: copy.state,
        readyAt: seconds(copy.readyAt),
        inFlight: copy.inFlight,
      })),
    })),
  };
}
