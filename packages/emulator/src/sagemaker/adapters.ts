import { validationException } from '../http/serviceError';
import { type JsonObject } from '../protocols/jsonReader';
import { type CopyRecord, type EndpointRecord, type InferenceComponentRecord } from './records';
import { type SageMakerStore } from './store';

/*
 * Adapter inference components (Specification.BaseInferenceComponentName): a LoRA adapter that a base
 * component loads. AWS documents that an adapter names an existing base component, gives its artifacts
 * in Container.ArtifactUrl, has no ComputeResourceRequirements (it uses the base's compute) and is
 * invoked by its own name. What AWS does not document is chosen here and listed as unconfirmed in
 * docs/emulator.md: an adapter has no copies and no RuntimeConfig of its own, stays InService while its
 * base has 0 copies, its refused requests count under its own name, deleting a base that still carries
 * adapters is refused, and the adapter cannot be given copies.
 */

/** How long an adapter is Creating: the base loads its artifacts (not measured; small next to a copy's start). */
export const adapterLoadSeconds = 20;

export const adapterMessages = {
  needsArtifact: 'An adapter inference component must specify Container.ArtifactUrl, the location of its adapter artifacts.',
  noCompute:
    'An adapter inference component uses the compute resources of its base inference component: omit ComputeResourceRequirements.',
  noImage: 'An adapter inference component runs in the container of its base inference component: omit Container.Image.',
  noModel: 'An adapter inference component takes its model from its base inference component: omit ModelName.',
  noCopies: (arn: string) => `Inference component "${arn}" is an adapter: it runs on the copies of its base inference component and has no copy count of its own.`,
};

/** Whether a component is an adapter (it names a base component). */
export function isAdapter(ic: InferenceComponentRecord): boolean {
  return ic.baseName !== undefined;
}

/** The parts of a CreateInferenceComponent request an adapter's rules look at. */
export interface AdapterRequest {
  baseName: string;
  modelName?: string;
  hasRequirements: boolean;
  specification: JsonObject;
}

/**
 * The base component of a new adapter, or the ValidationException AWS answers: the base exists, is on
 * the same endpoint, is not an adapter itself and is not being deleted; the adapter gives its artifacts
 * and no compute, image or model of its own.
 */
export function adapterBase(store: SageMakerStore, endpoint: EndpointRecord, request: AdapterRequest): InferenceComponentRecord {
  const base = store.inferenceComponent(request.baseName);
  if (!base) throw validationException(`Could not find base inference component "${store.arn('inference-component', request.baseName)}".`);
  if (base.endpointId !== endpoint.id) {
    throw validationException(`Base inference component "${base.arn}" is on endpoint "${base.endpointName}", not on endpoint "${endpoint.name}".`);
  }
  if (isAdapter(base)) throw validationException(`Inference component "${base.arn}" is an adapter and cannot be the base of another adapter.`);
  if (base.status === 'Deleting' || base.status === 'Failed') {
    throw validationException(`Cannot add an adapter to inference component "${base.arn}" because its status is ${base.status}.`);
  }
  if (request.hasRequirements) throw validationException(adapterMessages.noCompute);
  if (request.modelName) throw validationException(adapterMessages.noModel);
  const container = request.specification.Container as JsonObject | undefined;
  if (!container || typeof container.ArtifactUrl !== 'string' || container.ArtifactUrl === '') throw validationException(adapterMessages.needsArtifact);
  if (container.Image !== undefined) throw validationException(adapterMessages.noImage);
  return base;
}

/** The adapters a base component carries (not those being deleted). */
export function adaptersOf(store: SageMakerStore, base: InferenceComponentRecord): InferenceComponentRecord[] {
  return store.state.inferenceComponents.filter((ic) => ic.baseName !== undefined && ic.baseName.toLowerCase() === base.name.toLowerCase() && ic.status !== 'Deleting');
}

/** DeleteInferenceComponent on a base that still carries adapters is refused (they would lose their compute). */
export function refuseBaseWithAdapters(store: SageMakerStore, ic: InferenceComponentRecord): void {
  const adapters = adaptersOf(store, ic);
  if (adapters.length === 0) return;
  throw validationException(
    `Cannot delete inference component "${ic.arn}" because adapter inference components use it as their base: ${adapters.map((adapter) => adapter.name).join(', ')}. Delete them first.`,
  );
}

/** An adapter has no copy count of its own to set. */
export function refuseAdapterCopies(ic: InferenceComponentRecord): void {
  if (isAdapter(ic)) throw validationException(adapterMessages.noCopies(ic.arn));
}

/** The copies that serve an adapter's requests: its base's running copies (none when the base is gone or asleep). */
export function adapterServingCopies(store: SageMakerStore, adapter: InferenceComponentRecord): CopyRecord[] {
  const base = adapter.baseName ? store.inferenceComponent(adapter.baseName) : undefined;
  if (!base || base.status === 'Deleting') return [];
  return base.copies.filter((copy) => copy.state === 'running');
}

/** Moves adapters whose load time has passed from Creating to InService; returns when the next one is due. */
export function advanceAdapters(store: SageMakerStore, at: number): number | undefined {
  let next: number | undefined;
  for (const ic of store.state.inferenceComponents) {
    if (!isAdapter(ic) || ic.status !== 'Creating' || ic.adapterReadyAt === undefined) continue;
    if (ic.adapterReadyAt <= at) {
      ic.status = 'InService';
      ic.lastModifiedTime = ic.adapterReadyAt;
      ic.adapterReadyAt = undefined;
    } else if (next === undefined || ic.adapterReadyAt < next) {
      next = ic.adapterReadyAt;
    }
  }
  return next;
}

/** When a new adapter is ready: its load time after creation. */
export function adapterReadyAt(now: number): number {
  return now + adapterLoadSeconds * 1000;
}
