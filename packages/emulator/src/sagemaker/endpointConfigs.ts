import { instanceTypeNames } from '@s2z/instance-types';
import { validationException } from '../http/serviceError';
import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { listPage, readListRequest } from './listing';
import { nameRules, roleArnPattern } from './names';
import { epochSeconds, type SageMakerDeps } from './operationContext';
import { type InstancePoolSpec, type ManagedInstanceScalingSpec, type ScaleInPolicySpec, type ScaleInStrategy, type VariantSpec } from './records';
import { poolMessages, typesByPriority } from './instancePools';
import { readTags } from './tagsInput';

const echoedMembers = ['DataCaptureConfig', 'KmsKeyId', 'AsyncInferenceConfig', 'ExplainerConfig', 'ShadowProductionVariants', 'VpcConfig', 'EnableNetworkIsolation'];

export const messages = {
  misOnlyForIc: 'ManagedInstanceScaling is only supported for inference component endpoints.',
  roleRequired:
    'ExecutionRoleArn is required when a production variant does not specify a ModelName (inference component endpoints).',
  instanceRequired: 'Production variant must specify InstanceType and InitialInstanceCount, or ServerlessConfig.',
  minAboveMax: 'MinInstanceCount must be less than or equal to MaxInstanceCount.',
  maxRequired: 'MaxInstanceCount is required when ManagedInstanceScaling is ENABLED.',
  initialAboveMax: 'InitialInstanceCount must be less than or equal to MaxInstanceCount.',
  duplicateVariant: 'Production variant names must be unique within an endpoint configuration.',
  mixedVariants: 'All production variants must either specify a ModelName or none of them.',
  /** As AWS words it in regions without scale to zero (stdapi-ai/stdapi.ai#43, eu-west-3, 2026-08-27); only when the control API asks for it. */
  minZeroRefused: 'Min instance count needs to be greater than 0 for enabled managed instance scaling',
};

/** CreateEndpointConfig, DescribeEndpointConfig, ListEndpointConfigs, DeleteEndpointConfig. */
// Over 80 lines only as a table of short operation handlers (each under 50) closed over the same deps.
export function endpointConfigOperations({ store, refusals }: SageMakerDeps): Record<string, JsonRpcHandler> {
  return {
    CreateEndpointConfig: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('EndpointConfigName', nameRules) ?? '';
      const executionRoleArn = input.string('ExecutionRoleArn', { min: 20, max: 2048, pattern: roleArnPattern });
      const variantInputs = input.objectList('ProductionVariants', { required: true, min: 1, max: 10 }) ?? [];
      const variants = variantInputs.map(readVariant);
      input.string('KmsKeyId', { max: 2048 });
      input.boolean('EnableNetworkIsolation');
      const tags = readTags(input);
      input.finish();

      const names = new Set<string>();
      for (const variant of variants) {
        if (names.has(variant.variantName.toLowerCase())) throw validationException(messages.duplicateVariant);
        names.add(variant.variantName.toLowerCase());
        const serverless = variant.document.ServerlessConfig !== undefined;
        if (variant.managedInstanceScaling?.status === 'ENABLED' && variant.modelName) throw validationException(messages.misOnlyForIc);
        if (variant.instanceType && variant.instancePools) throw validationException(poolMessages.typeAndPools);
        if (!serverless && (typesByPriority(variant).length === 0 || variant.initialInstanceCount === undefined)) {
          throw validationException(messages.instanceRequired);
        }
        const mis = variant.managedInstanceScaling;
        if (mis?.status === 'ENABLED') {
          if (mis.maxInstanceCount === undefined) throw validationException(messages.maxRequired);
          if ((mis.minInstanceCount ?? 0) > mis.maxInstanceCount) throw validationException(messages.minAboveMax);
          if ((variant.initialInstanceCount ?? 0) > mis.maxInstanceCount) throw validationException(messages.initialAboveMax);
          if (refusals.minInstanceCountZero && (mis.minInstanceCount ?? 0) === 0) throw validationException(messages.minZeroRefused);
        }
      }
      const withModel = variants.filter((variant) => variant.modelName).length;
      if (withModel > 0 && withModel < variants.length) throw validationException(messages.mixedVariants);
      if (withModel === 0 && !executionRoleArn) throw validationException(messages.roleRequired);
      for (const variant of variants) if (variant.modelName) store.requireModel(variant.modelName);
      for (const variant of variants) for (const pool of variant.instancePools ?? []) if (pool.modelNameOverride) store.requireModel(pool.modelNameOverride);
      if (store.endpointConfig(name)) {
        throw validationException(`Cannot create already existing endpoint configuration "${store.arn('endpoint-config', name)}".`);
      }
      const document: JsonObject = {};
      for (const member of echoedMembers) if (body[member] !== undefined) document[member] = body[member];
      const arn = store.arn('endpoint-config', name);
      store.state.endpointConfigs.push({ name, arn, creationTime: context.now(), executionRoleArn, variants, document, tags });
      return { EndpointConfigArn: arn };
    },

    DescribeEndpointConfig: (body) => {
      const input = JsonReader.of(body);
      const name = input.string('EndpointConfigName', nameRules) ?? '';
      input.finish();
      const config = store.requireEndpointConfig(name);
      return {
        EndpointConfigName: config.name,
        EndpointConfigArn: config.arn,
        ProductionVariants: config.variants.map((variant) => variant.document),
        CreationTime: epochSeconds(config.creationTime),
        ...(config.executionRoleArn ? { ExecutionRoleArn: config.executionRoleArn } : {}),
        ...config.document,
      };
    },

    ListEndpointConfigs: (body) => {
      const input = JsonReader.of(body);
      const request = readListRequest(input, ['Name', 'CreationTime']);
      input.finish();
      const { page, nextToken } = listPage(store.state.endpointConfigs, request);
      return {
        EndpointConfigs: page.map((config) => ({
          EndpointConfigName: config.name,
          EndpointConfigArn: config.arn,
          CreationTime: epochSeconds(config.creationTime),
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },

    DeleteEndpointConfig: (body) => {
      const input = JsonReader.of(body);
      const name = input.string('EndpointConfigName', nameRules) ?? '';
      input.finish();
      const config = store.requireEndpointConfig(name);
      store.state.endpointConfigs.splice(store.state.endpointConfigs.indexOf(config), 1);
      return {};
    },
  };
}

function readVariant(variant: JsonReader): VariantSpec {
  const variantName = variant.string('VariantName', nameRules) ?? '';
  const modelName = variant.string('ModelName', { max: 63, pattern: nameRules.pattern });
  const instanceType = variant.string('InstanceType');
  // The model's enum is checked before the operation runs; a type it allows that the emulator has no hardware for is a plain refusal.
  if (instanceType !== undefined && !instanceTypeNames().includes(instanceType)) {
    throw validationException(`The emulator does not emulate the instance type ${instanceType}. It emulates ${instanceTypeNames().join(', ')}.`);
  }
  const instancePools = readInstancePools(variant);
  const initialInstanceCount = variant.integer('InitialInstanceCount', { min: 1 });
  const weight = variant.number('InitialVariantWeight', { min: 0 });
  const misInput = variant.object('ManagedInstanceScaling');
  let managedInstanceScaling: ManagedInstanceScalingSpec | undefined;
  if (misInput) {
    managedInstanceScaling = {
      status: (misInput.string('Status', { enum: ['ENABLED', 'DISABLED'] }) ?? 'DISABLED') as 'ENABLED' | 'DISABLED',
      minInstanceCount: misInput.integer('MinInstanceCount', { min: 0 }),
      maxInstanceCount: misInput.integer('MaxInstanceCount', { min: 1 }),
      scaleInPolicy: readScaleInPolicy(misInput.object('ScaleInPolicy')),
    };
  }
  const routing = variant.object('RoutingConfig');
  const routingStrategy = routing?.string('RoutingStrategy', { required: true, enum: ['LEAST_OUTSTANDING_REQUESTS', 'RANDOM'] });
  variant.integer('VolumeSizeInGB', { min: 1, max: 512 });
  variant.integer('ContainerStartupHealthCheckTimeoutInSeconds', { min: 60, max: 3600 });
  variant.integer('ModelDataDownloadTimeoutInSeconds', { min: 60, max: 3600 });
  variant.integer('VariantInstanceProvisionTimeoutInSeconds', { min: 300, max: 3600 });
  variant.object('ServerlessConfig');
  const document: JsonObject = {};
  const raw = (member: string) => variant.raw(member);
  for (const member of [
    'VariantName', 'ModelName', 'InitialInstanceCount', 'InstanceType', 'AcceleratorType', 'CoreDumpConfig', 'ServerlessConfig',
    'VolumeSizeInGB', 'ModelDataDownloadTimeoutInSeconds', 'ContainerStartupHealthCheckTimeoutInSeconds',
    'EnableSSMAccess', 'InferenceAmiVersion', 'CapacityReservationConfig', 'VariantInstanceProvisionTimeoutInSeconds',
  ]) {
    if (raw(member) !== undefined) document[member] = raw(member);
  }
  if (instancePools) {
    document.InstancePools = instancePools.map((pool) => ({
      InstanceType: pool.instanceType,
      Priority: pool.priority,
      ...(pool.modelNameOverride ? { ModelNameOverride: pool.modelNameOverride } : {}),
    }));
  }
  if (instanceType || instancePools || weight !== undefined) document.InitialVariantWeight = weight ?? 1;
  if (managedInstanceScaling) {
    document.ManagedInstanceScaling = {
      Status: managedInstanceScaling.status,
      ...(managedInstanceScaling.minInstanceCount !== undefined ? { MinInstanceCount: managedInstanceScaling.minInstanceCount } : {}),
      ...(managedInstanceScaling.maxInstanceCount !== undefined ? { MaxInstanceCount: managedInstanceScaling.maxInstanceCount } : {}),
      ...(managedInstanceScaling.scaleInPolicy ? { ScaleInPolicy: scaleInPolicyDocument(managedInstanceScaling.scaleInPolicy) } : {}),
    };
  }
  if (routingStrategy) document.RoutingConfig = { RoutingStrategy: routingStrategy };
  return { variantName, modelName, instanceType, ...(instancePools ? { instancePools } : {}), initialInstanceCount, managedInstanceScaling, document };
}

/** `InstancePools` (1 to 5, the model's range): each type once, each priority once, types the emulator has hardware for. */
function readInstancePools(variant: JsonReader): InstancePoolSpec[] | undefined {
  const inputs = variant.objectList('InstancePools', { min: 1, max: 5 });
  if (!inputs) return undefined;
  const pools = inputs.map((pool): InstancePoolSpec => {
    const instanceType = pool.string('InstanceType', { required: true }) ?? '';
    if (instanceType && !instanceTypeNames().includes(instanceType)) {
      throw validationException(`The emulator does not emulate the instance type ${instanceType}. It emulates ${instanceTypeNames().join(', ')}.`);
    }
    const priority = pool.integer('Priority', { required: true, min: 1, max: 5 }) ?? 1;
    const modelNameOverride = pool.string('ModelNameOverride', { max: 63, pattern: nameRules.pattern });
    return { instanceType, priority, ...(modelNameOverride ? { modelNameOverride } : {}) };
  });
  if (new Set(pools.map((pool) => pool.priority)).size < pools.length) throw validationException(poolMessages.duplicatePriority);
  if (new Set(pools.map((pool) => pool.instanceType)).size < pools.length) throw validationException(poolMessages.duplicateType);
  return pools;
}

/** ScaleInPolicy with the model's ranges: Strategy required, MaximumStepSize 1–100, CooldownInMinutes 5–1440. */
function readScaleInPolicy(input: JsonReader | undefined): ScaleInPolicySpec | undefined {
  if (!input) return undefined;
  const strategy = input.string('Strategy', { required: true, enum: ['IDLE_RELEASE', 'CONSOLIDATION'] }) as ScaleInStrategy;
  const maximumStepSize = input.integer('MaximumStepSize', { min: 1, max: 100 });
  const cooldownInMinutes = input.integer('CooldownInMinutes', { min: 5, max: 1440 });
  return { strategy, maximumStepSize, cooldownInMinutes };
}

/** The policy as DescribeEndpointConfig and DescribeEndpoint echo it: the members given, no defaults filled in. */
function scaleInPolicyDocument(policy: ScaleInPolicySpec): JsonObject {
  return {
    Strategy: policy.strategy,
    ...(policy.maximumStepSize !== undefined ? { MaximumStepSize: policy.maximumStepSize } : {}),
    ...(policy.cooldownInMinutes !== undefined ? { CooldownInMinutes: policy.cooldownInMinutes } : {}),
  };
}
