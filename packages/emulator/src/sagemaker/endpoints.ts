import { resourceLimitExceeded, validationException } from '../http/serviceError';
import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { listPage, readListRequest } from './listing';
import { nameRules } from './names';
import { epochSeconds, type SageMakerDeps } from './operationContext';
import { type EndpointRecord, type VariantState } from './records';
import { readTags } from './tagsInput';
import { instanceTypeOf, typesByPriority } from './instancePools';
import { reservedInstanceType } from './capacityReservation';
import { metricsConfigDocument } from './endpointConfigs';

const endpointStatuses = ['OutOfService', 'Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'InService', 'Deleting', 'Failed', 'UpdateRollbackFailed'];

/** CreateEndpoint, DescribeEndpoint, ListEndpoints, UpdateEndpoint, DeleteEndpoint. */
// Over 80 lines only as a table of short operation handlers (each under 50) closed over the same deps.
export function endpointOperations({ store, lifecycle, timings }: SageMakerDeps): Record<string, JsonRpcHandler> {
  return {
    CreateEndpoint: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('EndpointName', nameRules) ?? '';
      const configName = input.string('EndpointConfigName', nameRules) ?? '';
      input.object('DeploymentConfig');
      const tags = readTags(input);
      input.finish();
      if (store.endpoint(name)) throw validationException(`Cannot create already existing endpoint "${store.arn('endpoint', name)}".`);
      const config = store.requireEndpointConfig(configName);
      const quota = lifecycle.quotaRefusal(config.variants);
      if (quota) throw resourceLimitExceeded(quota);
      const now = context.now();
      const readyAt = now + timings.endpointCreationSeconds * 1000;
      const endpoint: EndpointRecord = {
        id: store.newId('ep'),
        name,
        arn: store.arn('endpoint', name),
        configName: config.name,
        status: 'Creating',
        creationTime: now,
        lastModifiedTime: now,
        transitionEndsAt: readyAt,
        variants: lifecycle.createVariantStates(config.variants, readyAt, false),
        ...(config.metricsConfig ? { metricsConfig: config.metricsConfig } : {}),
        tags,
      };
      store.state.endpoints.push(endpoint);
      lifecycle.refresh(now);
      return { EndpointArn: endpoint.arn };
    },

    DescribeEndpoint: (body) => {
      const input = JsonReader.of(body);
      const name = input.string('EndpointName', nameRules) ?? '';
      input.finish();
      return describeEndpoint(store.requireEndpoint(name));
    },

    ListEndpoints: (body) => {
      const input = JsonReader.of(body);
      const request = readListRequest(input, ['Name', 'CreationTime', 'Status'], endpointStatuses);
      input.finish();
      const { page, nextToken } = listPage(
        store.state.endpoints.map((endpoint) => ({ ...endpoint, status: endpoint.status as string })),
        request,
      );
      return {
        Endpoints: page.map((endpoint) => ({
          EndpointName: endpoint.name,
          EndpointArn: endpoint.arn,
          CreationTime: epochSeconds(endpoint.creationTime),
          LastModifiedTime: epochSeconds(endpoint.lastModifiedTime),
          EndpointStatus: endpoint.status,
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },

    UpdateEndpoint: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('EndpointName', nameRules) ?? '';
      const configName = input.string('EndpointConfigName', nameRules) ?? '';
      input.boolean('RetainAllVariantProperties');
      input.boolean('RetainDeploymentConfig');
      input.object('DeploymentConfig');
      input.finish();
      const endpoint = store.requireEndpoint(name);
      const config = store.requireEndpointConfig(configName);
      if (endpoint.status !== 'InService') throw validationException(`Cannot update in-progress endpoint "${endpoint.arn}".`);
      const hasComponents = store.componentsOf(endpoint).length > 0;
      if (hasComponents && config.variants.some((variant) => variant.modelName)) {
        throw validationException('Inference Components are not supported in this Endpoint. Please make sure this endpoint can deploy inference components.');
      }
      const now = context.now();
      endpoint.status = 'Updating';
      endpoint.lastModifiedTime = now;
      endpoint.pendingConfigName = config.name;
      endpoint.transitionEndsAt = now + timings.endpointUpdateSeconds * 1000;
      lifecycle.refresh(now);
      return { EndpointArn: endpoint.arn };
    },

    DeleteEndpoint: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('EndpointName', nameRules) ?? '';
      input.finish();
      const endpoint = store.requireEndpoint(name);
      if (endpoint.status !== 'Deleting') {
        const now = context.now();
        endpoint.status = 'Deleting';
        endpoint.lastModifiedTime = now;
        endpoint.pendingConfigName = undefined;
        endpoint.transitionEndsAt = now + timings.endpointDeletionSeconds * 1000;
        lifecycle.refresh(now);
      }
      return {};
    },
  };
}

function variantView(variant: VariantState, endpoint: EndpointRecord): JsonObject {
  const spec = variant.spec;
  const running = variant.instances.filter((instance) => instance.state === 'running').length;
  const view: JsonObject = { VariantName: spec.variantName };
  if (spec.modelName) {
    const weight = (spec.document.InitialVariantWeight as number | undefined) ?? 1;
    view.CurrentWeight = weight;
    view.DesiredWeight = weight;
  }
  if (typesByPriority(spec).length > 0) {
    view.CurrentInstanceCount = running;
    view.DesiredInstanceCount = variant.instances.length;
  }
  if (spec.instancePools) view.InstancePools = instancePoolSummaries(variant);
  const status = variantStatus(variant, endpoint);
  if (status) view.VariantStatus = [status];
  if (spec.document.ManagedInstanceScaling) view.ManagedInstanceScaling = spec.document.ManagedInstanceScaling;
  if (spec.document.RoutingConfig) view.RoutingConfig = spec.document.RoutingConfig;
  if (spec.mlReservationArn) view.CapacityReservationConfig = capacityReservationSummary(variant);
  return view;
}

/**
 * ProductionVariantSummary.CapacityReservationConfig: the reservation and preference as configured, and
 * the instances of the reserved type the endpoint uses (the reservation's total and available counts are
 * not modelled, so they are left out; the model makes every member optional).
 */
function capacityReservationSummary(variant: VariantState): JsonObject {
  const reservation = (variant.spec.document.CapacityReservationConfig ?? {}) as JsonObject;
  const reserved = reservedInstanceType(variant.spec);
  return {
    ...reservation,
    UsedByCurrentEndpoint: variant.instances.filter((instance) => instance.state === 'running' && instanceTypeOf(variant, instance) === reserved).length,
  };
}

/** `InstancePools` of a ProductionVariantSummary: each pool's type with its running instances, by priority. */
function instancePoolSummaries(variant: VariantState): JsonObject[] {
  return typesByPriority(variant.spec).map((instanceType) => ({
    InstanceType: instanceType,
    CurrentInstanceCount: variant.instances.filter((instance) => instance.state === 'running' && instanceTypeOf(variant, instance) === instanceType).length,
  }));
}

function variantStatus(variant: VariantState, endpoint: EndpointRecord): JsonObject | undefined {
  if (endpoint.status === 'Creating') {
    return { Status: 'Creating', StatusMessage: 'Launching instances for the production variant.', StartTime: epochSeconds(endpoint.creationTime) };
  }
  if (endpoint.status === 'Deleting') {
    return { Status: 'Deleting', StartTime: epochSeconds(endpoint.lastModifiedTime) };
  }
  if (endpoint.status === 'Updating') {
    return { Status: 'Updating', StatusMessage: 'Updating the production variant.', StartTime: epochSeconds(endpoint.lastModifiedTime) };
  }
  const pending = variant.instances.filter((instance) => instance.state === 'pending').length;
  if (pending > 0 && variant.scalingSince !== undefined) {
    const running = variant.instances.length - pending;
    return {
      Status: 'Updating',
      StatusMessage: `Scaling instances from ${running} to ${variant.instances.length}.`,
      StartTime: epochSeconds(variant.scalingSince),
    };
  }
  return undefined;
}

export function describeEndpoint(endpoint: EndpointRecord): JsonObject {
  const output: JsonObject = {
    EndpointName: endpoint.name,
    EndpointArn: endpoint.arn,
    EndpointConfigName: endpoint.configName,
    EndpointStatus: endpoint.status,
    CreationTime: epochSeconds(endpoint.creationTime),
    LastModifiedTime: epochSeconds(endpoint.lastModifiedTime),
  };
  if (endpoint.status === 'Creating') {
    output.PendingDeploymentSummary = {
      EndpointConfigName: endpoint.configName,
      ProductionVariants: endpoint.variants.map((variant) => ({
        ...variantView(variant, endpoint),
        ...(variant.spec.instanceType ? { InstanceType: variant.spec.instanceType } : {}),
      })),
      StartTime: epochSeconds(endpoint.creationTime),
    };
  } else {
    output.ProductionVariants = endpoint.variants.map((variant) => variantView(variant, endpoint));
  }
  if (endpoint.status === 'Updating' && endpoint.pendingConfigName) {
    output.PendingDeploymentSummary = { EndpointConfigName: endpoint.pendingConfigName, StartTime: epochSeconds(endpoint.lastModifiedTime) };
  }
  if (endpoint.failureReason) output.FailureReason = endpoint.failureReason;
  if (endpoint.metricsConfig) output.MetricsConfig = metricsConfigDocument(endpoint.metricsConfig);
  return output;
}
