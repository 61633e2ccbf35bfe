import { instanceTypes } from '@s2z/instance-types';
import { fitsEmptyInstance, type ResourceRequirements } from '../capacity/placement';
import { validationException } from '../http/serviceError';
import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { listPage, readListRequest } from './listing';
import { nameRules } from './names';
import { epochSeconds, type SageMakerDeps } from './operationContext';
import { type EndpointRecord, type InferenceComponentRecord, type VariantState } from './records';
import { readTags } from './tagsInput';
import { insufficientCapacityMessage, instanceTypeOf, typesByPriority } from './instancePools';
import { adapterBase, adapterReadyAt, isAdapter, refuseAdapterCopies, refuseBaseWithAdapters } from './adapters';
import { checkRolloutPolicy, copiesPerBatch, readDeploymentConfig, startRollout } from './rollingUpdate';

const icStatuses = ['InService', 'Creating', 'Updating', 'Failed', 'Deleting'];

export const icMessages = {
  notSupported: 'Inference Components are not supported in this Endpoint. Please make sure this endpoint can deploy inference components.',
  notEnoughHardware:
    'There is not enough hardware resources on the instances for this endpoint to create a copy of the inference component.',
  needsModel: 'The inference component specification must include a ModelName, a Container or a BaseInferenceComponentName.',
};

/** CreateInferenceComponent, Describe…, List…, Delete…, UpdateInferenceComponent, UpdateInferenceComponentRuntimeConfig. */
// Over 80 lines only as a table of short operation handlers (each under 50) closed over the same deps.
export function inferenceComponentOperations({ store, lifecycle, timings }: SageMakerDeps): Record<string, JsonRpcHandler> {
  function variantFor(endpoint: EndpointRecord, variantName: string | undefined): VariantState {
    if (endpoint.variants.some((variant) => variant.spec.modelName)) throw validationException(icMessages.notSupported);
    const variant = variantName
      ? endpoint.variants.find((candidate) => candidate.spec.variantName.toLowerCase() === variantName.toLowerCase())
      : endpoint.variants.length === 1
        ? endpoint.variants[0]
        : undefined;
    if (!variant) {
      throw validationException(
        variantName
          ? `Could not find variant "${variantName}" in endpoint "${endpoint.arn}".`
          : `VariantName is required because endpoint "${endpoint.arn}" has more than one production variant.`,
      );
    }
    return variant;
  }

  function checkCapacity(endpoint: EndpointRecord, variant: VariantState, need: ResourceRequirements, copies: number, ic?: InferenceComponentRecord): void {
    const specs = typesByPriority(variant.spec).map((instanceType) => instanceTypes.get(instanceType));
    if (!specs.some((spec) => spec !== undefined && fitsEmptyInstance(spec, need))) throw validationException(icMessages.notEnoughHardware);
    if (lifecycle.capacityFor(endpoint, variant, need, ic) < copies) {
      // Every instance type out of capacity: AWS's InsufficientInstanceCapacity wording rather than "not enough hardware".
      throw validationException(lifecycle.outOfCapacity(variant) ? insufficientCapacityMessage : icMessages.notEnoughHardware);
    }
  }

  /** `PlacementStatus` for an endpoint with instance pools: running copies per instance type, by priority. */
  function placementStatus(ic: InferenceComponentRecord): JsonObject {
    const endpoint = store.state.endpoints.find((candidate) => candidate.id === ic.endpointId);
    const variant = endpoint?.variants.find((candidate) => candidate.spec.variantName === ic.variantName);
    if (!variant?.spec.instancePools) return {};
    const typeOfInstance = new Map(variant.instances.map((instance) => [instance.id, instanceTypeOf(variant, instance)]));
    return {
      PlacementStatus: typesByPriority(variant.spec).map((instanceType) => ({
        InstanceType: instanceType,
        CurrentCopyCount: ic.copies.filter((copy) => copy.state === 'running' && typeOfInstance.get(copy.instanceId) === instanceType).length,
      })),
    };
  }

  return {
    CreateInferenceComponent: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('InferenceComponentName', nameRules) ?? '';
      const endpointName = input.string('EndpointName', nameRules) ?? '';
      const variantName = input.string('VariantName', { max: 63, pattern: nameRules.pattern });
      const specInput = input.object('Specification', { required: true });
      const spec = specInput ? readSpecification(specInput) : undefined;
      // An adapter has no copies of its own: its RuntimeConfig may be left out (the model requires none).
      const runtime = input.object('RuntimeConfig', { required: !spec?.baseName });
      const copyCount = runtime?.integer('CopyCount', { required: true, min: 0 }) ?? 1;
      const tags = readTags(input);
      input.finish();
      if (!spec || !spec.hasSource) throw validationException(icMessages.needsModel);
      if (store.inferenceComponent(name)) {
        throw validationException(`Cannot create already existing inference component "${store.arn('inference-component', name)}".`);
      }
      const endpoint = store.requireEndpoint(endpointName);
      if (endpoint.status === 'Deleting' || endpoint.status === 'Failed') {
        throw validationException(`Cannot create inference component on endpoint "${endpoint.arn}" because its status is ${endpoint.status}.`);
      }
      const base = spec.baseName
        ? adapterBase(store, endpoint, { baseName: spec.baseName, modelName: spec.modelName, hasRequirements: spec.requirements !== undefined, specification: spec.document })
        : undefined;
      const variant = variantFor(endpoint, variantName ?? base?.variantName);
      if (spec.modelName) store.requireModel(spec.modelName);
      const requirements = spec.requirements ?? (base ? { cpus: 0, memoryMiB: 0, accelerators: 0 } : undefined);
      if (!requirements) throw validationException(icMessages.needsModel);
      if (!base) checkCapacity(endpoint, variant, requirements, copyCount);
      const now = context.now();
      const record: InferenceComponentRecord = {
        name,
        arn: store.arn('inference-component', name),
        endpointId: endpoint.id,
        endpointName: endpoint.name,
        variantName: variant.spec.variantName,
        status: 'Creating',
        creationTime: now,
        lastModifiedTime: now,
        specification: spec.document,
        requirements,
        desiredCopyCount: base ? 0 : copyCount,
        copies: [],
        ...(base ? { baseName: base.name, adapterReadyAt: adapterReadyAt(now) } : {}),
        tags,
      };
      store.state.inferenceComponents.push(record);
      lifecycle.refresh(now);
      return { InferenceComponentArn: record.arn };
    },

    DescribeInferenceComponent: (body) => {
      const input = JsonReader.of(body);
      const name = input.string('InferenceComponentName', nameRules) ?? '';
      input.finish();
      const ic = store.requireInferenceComponent(name);
      return {
        InferenceComponentName: ic.name,
        InferenceComponentArn: ic.arn,
        EndpointName: ic.endpointName,
        EndpointArn: store.arn('endpoint', ic.endpointName),
        VariantName: ic.variantName,
        ...(ic.failureReason ? { FailureReason: ic.failureReason } : {}),
        Specification: describedSpecification(ic.specification, ic.creationTime),
        // An adapter has no copies of its own: no RuntimeConfig (not confirmed, docs/emulator.md).
        ...(isAdapter(ic)
          ? {}
          : {
              RuntimeConfig: {
                DesiredCopyCount: ic.desiredCopyCount,
                CurrentCopyCount: ic.copies.filter((copy) => copy.state === 'running').length,
                ...placementStatus(ic),
              },
            }),
        CreationTime: epochSeconds(ic.creationTime),
        LastModifiedTime: epochSeconds(ic.lastModifiedTime),
        InferenceComponentStatus: ic.status,
        ...(ic.lastDeploymentConfig ? { LastDeploymentConfig: ic.lastDeploymentConfig } : {}),
      };
    },

    ListInferenceComponents: (body) => {
      const input = JsonReader.of(body);
      const request = readListRequest(input, ['Name', 'CreationTime', 'Status'], icStatuses);
      const endpointName = input.string('EndpointNameEquals', { max: 63, pattern: nameRules.pattern });
      const variantName = input.string('VariantNameEquals', { max: 63, pattern: nameRules.pattern });
      input.finish();
      const items = store.state.inferenceComponents
        .filter((ic) => !endpointName || ic.endpointName.toLowerCase() === endpointName.toLowerCase())
        .filter((ic) => !variantName || ic.variantName.toLowerCase() === variantName.toLowerCase())
        .map((ic) => ({ ...ic, status: ic.status as string }));
      const { page, nextToken } = listPage(items, request);
      return {
        InferenceComponents: page.map((ic) => ({
          CreationTime: epochSeconds(ic.creationTime),
          InferenceComponentArn: ic.arn,
          InferenceComponentName: ic.name,
          EndpointArn: store.arn('endpoint', ic.endpointName),
          EndpointName: ic.endpointName,
          VariantName: ic.variantName,
          InferenceComponentStatus: ic.status,
          LastModifiedTime: epochSeconds(ic.lastModifiedTime),
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },

    DeleteInferenceComponent: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('InferenceComponentName', nameRules) ?? '';
      input.finish();
      const ic = store.requireInferenceComponent(name);
      if (ic.status === 'Deleting') return {};
      if (ic.status === 'Creating' || ic.status === 'Updating') {
        throw validationException(`Cannot delete inference component "${ic.arn}" while it is in ${ic.status} status.`);
      }
      refuseBaseWithAdapters(store, ic);
      const now = context.now();
      ic.status = 'Deleting';
      ic.lastModifiedTime = now;
      ic.deleteAt = now + timings.inferenceComponentDeletionSeconds * 1000;
      ic.copies = ic.copies.filter((copy) => copy.state === 'running' || copy.state === 'stopping');
      for (const copy of ic.copies) {
        copy.state = 'stopping';
        copy.readyAt = Math.min(copy.readyAt ?? ic.deleteAt, ic.deleteAt);
      }
      lifecycle.refresh(now);
      return {};
    },

    UpdateInferenceComponent: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('InferenceComponentName', nameRules) ?? '';
      const specInput = input.object('Specification');
      const spec = specInput ? readSpecification(specInput) : undefined;
      const runtime = input.object('RuntimeConfig');
      const copyCount = runtime?.integer('CopyCount', { required: true, min: 0 });
      const deployment = readDeploymentConfig(input);
      input.finish();
      if (spec && !spec.hasSource) throw validationException(icMessages.needsModel);
      const ic = store.requireInferenceComponent(name);
      if (copyCount !== undefined) refuseAdapterCopies(ic);
      refuseWhileBusy(ic);
      const endpoint = requireLiveEndpoint(ic);
      const variant = variantFor(endpoint, ic.variantName);
      if (spec?.modelName) store.requireModel(spec.modelName);
      const requirements = spec?.requirements ?? ic.requirements;
      const desired = copyCount ?? ic.desiredCopyCount;
      const now = context.now();
      if (spec && deployment) {
        // A rolling update: batches of new copies need room beside the old ones (rollingUpdate.ts).
        const running = ic.copies.filter((copy) => copy.state === 'running').length;
        checkRolloutPolicy(deployment, running);
        if (running > 0) checkCapacity(endpoint, variant, requirements, copiesPerBatch(deployment.batch, running));
        startRollout(ic, deployment, { specification: spec.document, requirements }, now);
      } else if (spec) {
        // New copies with the new specification replace the old ones (they need room alongside them).
        checkCapacity(endpoint, variant, requirements, desired, ic);
        ic.specification = spec.document;
        ic.requirements = requirements;
        for (const copy of ic.copies) {
          if (copy.state === 'running') {
            copy.state = 'stopping';
            copy.readyAt = now + timings.copyStopSeconds * 1000;
          }
        }
        ic.copies = ic.copies.filter((copy) => copy.state === 'stopping');
        ic.status = 'Updating';
      }
      setDesired(ic, desired, now);
      lifecycle.refresh(now);
      return { InferenceComponentArn: ic.arn };
    },

    UpdateInferenceComponentRuntimeConfig: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('InferenceComponentName', nameRules) ?? '';
      const desiredInput = input.object('DesiredRuntimeConfig', { required: true });
      const copyCount = desiredInput?.integer('CopyCount', { required: true, min: 0 }) ?? 0;
      input.finish();
      const ic = store.requireInferenceComponent(name);
      refuseAdapterCopies(ic);
      if (ic.status === 'Deleting' || ic.status === 'Creating') {
        throw validationException(`Cannot update inference component "${ic.arn}" while it is in ${ic.status} status.`);
      }
      requireLiveEndpoint(ic);
      const now = context.now();
      setDesired(ic, copyCount, now);
      lifecycle.refresh(now);
      return { InferenceComponentArn: ic.arn };
    },
  };

  function refuseWhileBusy(ic: InferenceComponentRecord): void {
    if (ic.status === 'Deleting' || ic.status === 'Creating' || ic.status === 'Updating') {
      throw validationException(`Cannot update inference component "${ic.arn}" while it is in ${ic.status} status.`);
    }
  }

  function requireLiveEndpoint(ic: InferenceComponentRecord): EndpointRecord {
    const endpoint = store.endpointById(ic.endpointId);
    if (!endpoint || endpoint.status === 'Deleting') {
      throw validationException(`Could not find endpoint "${store.arn('endpoint', ic.endpointName)}".`);
    }
    return endpoint;
  }

  function setDesired(ic: InferenceComponentRecord, desired: number, now: number): void {
    if (desired !== ic.desiredCopyCount) {
      ic.desiredCopyCount = desired;
      ic.status = 'Updating';
      ic.lastModifiedTime = now;
    }
  }
}

/**
 * The specification as DescribeInferenceComponent shows it (InferenceComponentSpecificationSummary): the
 * container's Image becomes DeployedImage {SpecifiedImage, ResolvedImage, ResolutionTime}, as the service
 * reports the image it resolved; ArtifactUrl and Environment are shown as given.
 */
function describedSpecification(specification: JsonObject, resolvedAt: number): JsonObject {
  const container = specification.Container as JsonObject | undefined;
  if (!container || typeof container !== 'object' || Array.isArray(container)) return specification;
  const { Image: image, ...rest } = container;
  return {
    ...specification,
    Container: {
      ...(typeof image === 'string' ? { DeployedImage: { SpecifiedImage: image, ResolvedImage: image, ResolutionTime: epochSeconds(resolvedAt) } } : {}),
      ...rest,
    },
  };
}

interface SpecificationInput {
  modelName?: string;
  baseName?: string;
  requirements?: ResourceRequirements;
  document: JsonObject;
  hasSource: boolean;
}

function readSpecification(spec: JsonReader): SpecificationInput {
  const modelName = spec.string('ModelName', { max: 63, pattern: nameRules.pattern });
  const baseName = spec.string('BaseInferenceComponentName', { max: 63, pattern: nameRules.pattern });
  const container = spec.object('Container');
  container?.string('Image', { max: 255 });
  container?.string('ArtifactUrl', { max: 1024 });
  container?.stringMap('Environment');
  const startup = spec.object('StartupParameters');
  startup?.integer('ModelDataDownloadTimeoutInSeconds', { min: 60, max: 3600 });
  startup?.integer('ContainerStartupHealthCheckTimeoutInSeconds', { min: 60, max: 3600 });
  spec.object('DataCacheConfig')?.boolean('EnableCaching', { required: true });
  const scheduling = spec.object('SchedulingConfig');
  scheduling?.string('PlacementStrategy', { required: true, enum: ['SPREAD', 'BINPACK'] });
  const balance = scheduling?.object('AvailabilityZoneBalance');
  balance?.string('EnforcementMode', { required: true, enum: ['PERMISSIVE'] });
  balance?.integer('MaxImbalance', { min: 0, max: 100 });
  const resources = spec.object('ComputeResourceRequirements', { required: !baseName });
  let requirements: ResourceRequirements | undefined;
  if (resources) {
    const cpus = resources.number('NumberOfCpuCoresRequired', { min: 0.25 });
    const accelerators = resources.number('NumberOfAcceleratorDevicesRequired', { min: 1 });
    const memory = resources.integer('MinMemoryRequiredInMb', { required: true, min: 128 });
    resources.integer('MaxMemoryRequiredInMb', { min: 128 });
    requirements = { cpus: cpus ?? 0, memoryMiB: memory ?? 0, accelerators: accelerators ?? 0 };
  }
  const document: JsonObject = {};
  for (const member of ['ModelName', 'Container', 'StartupParameters', 'ComputeResourceRequirements', 'BaseInferenceComponentName', 'DataCacheConfig', 'SchedulingConfig']) {
    const value = spec.raw(member);
    if (value !== undefined) document[member] = value;
  }
  return { modelName, baseName, requirements, document, hasSource: Boolean(modelName || container || baseName) };
}
