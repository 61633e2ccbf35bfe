import { type ComponentStartSettings, type InferenceComponentSnapshot } from '../../resources/resourceSnapshots';
import { describeRollingDeployment } from '../../resources/rollingDeployment';
import { type Plan, type PlanValue } from '../plans/plan';
import { type ComputeRequirements } from '../createEndpoint/instanceCapacity';
import { deploymentConfig, type RollingPolicy } from './rollingPolicy';

/** What the component runs after the update: a model of the account, or a container image with its model artifact. */
export type ModelSource = { kind: 'model'; modelName: string } | { kind: 'container'; image: string; artifactUrl?: string };

export interface UpdateModelInput {
  ic: InferenceComponentSnapshot;
  source: ModelSource;
  compute: ComputeRequirements;
  policy: RollingPolicy;
  /** Warnings shown with the plan (0 copies, requirements that no longer fit). */
  warnings?: string[];
}

/** "model m2", "image …/tgi:3.0". */
export function describeSource(source: ModelSource): string {
  return source.kind === 'model' ? `model ${source.modelName}` : `image ${source.image}${source.artifactUrl ? ` with ${source.artifactUrl}` : ''}`;
}

/** The start settings the component has, written back: UpdateInferenceComponent replaces the whole Specification. */
function startSettingMembers(settings: ComponentStartSettings | undefined): { [key: string]: PlanValue } {
  if (!settings) return {};
  const startup = {
    ...(settings.downloadTimeoutSeconds !== undefined ? { ModelDataDownloadTimeoutInSeconds: settings.downloadTimeoutSeconds } : {}),
    ...(settings.healthCheckTimeoutSeconds !== undefined ? { ContainerStartupHealthCheckTimeoutInSeconds: settings.healthCheckTimeoutSeconds } : {}),
  };
  const balance = settings.zoneBalance;
  return {
    ...(Object.keys(startup).length > 0 ? { StartupParameters: startup } : {}),
    ...(settings.caching ? { DataCacheConfig: { EnableCaching: true } } : {}),
    ...(settings.placementStrategy
      ? {
          SchedulingConfig: {
            PlacementStrategy: settings.placementStrategy,
            ...(balance ? { AvailabilityZoneBalance: { EnforcementMode: balance.enforcementMode, ...(balance.maxImbalance !== undefined ? { MaxImbalance: balance.maxImbalance } : {}) } } : {}),
          },
        }
      : {}),
  };
}

/** The Specification of the update: the new model or container, the requirements per copy, the start settings kept. */
export function updatedSpecification(input: Pick<UpdateModelInput, 'ic' | 'source' | 'compute'>): { [key: string]: PlanValue } {
  const { source, compute } = input;
  return {
    ...(source.kind === 'model' ? { ModelName: source.modelName } : { Container: { Image: source.image, ...(source.artifactUrl ? { ArtifactUrl: source.artifactUrl } : {}) } }),
    ComputeResourceRequirements: {
      ...(compute.accelerators > 0 ? { NumberOfAcceleratorDevicesRequired: compute.accelerators } : {}),
      NumberOfCpuCoresRequired: compute.cpuCores,
      MinMemoryRequiredInMb: compute.memoryMb,
    },
    ...startSettingMembers(input.ic.startSettings),
  };
}

/**
 * "Update Model…": one UpdateInferenceComponent with a rolling update, then the runner follows the copies
 * until the component leaves Updating and says whether the new model took or was rolled back.
 */
export function buildUpdateModelPlan(input: UpdateModelInput): Plan {
  const { ic, source, policy } = input;
  const copies = ic.currentCopyCount ?? 0;
  const rolling = describeRollingDeployment({ batch: policy.batch, waitSeconds: policy.waitSeconds, timeoutSeconds: policy.timeoutSeconds, rollbackBatch: policy.rollbackBatch, alarms: policy.alarms });
  return {
    title: `Update ${ic.name} to ${describeSource(source)}`,
    steps: [
      {
        id: 'updateInferenceComponent',
        service: 'sagemaker',
        operation: 'UpdateInferenceComponent',
        input: { InferenceComponentName: ic.name, Specification: updatedSpecification(input), DeploymentConfig: deploymentConfig(policy) },
        description: `Roll ${ic.name} to ${describeSource(source)}, batch by batch`,
        modifiesExisting: true,
        waitFor: 'rollingUpdate',
      },
    ],
    notes: [
      ...(input.warnings ?? []),
      copies > 0
        ? `The ${copies} ${copies === 1 ? 'copy keeps' : 'copies keep'} serving while new ones start beside them: ${rolling}.`
        : `Rolling policy: ${rolling}.`,
      ...(policy.alarms.length === 0 && copies > 0 ? ['No alarm is watched: only the timeout rolls the update back.'] : []),
    ],
  };
}
