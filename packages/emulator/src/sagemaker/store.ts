import { validationException } from '../http/serviceError';
import { sageMakerArn } from './arns';
import {
  emptySageMakerState,
  type EndpointConfigRecord,
  type EndpointRecord,
  type InferenceComponentRecord,
  type ModelRecord,
  type SageMakerState,
} from './records';

/**
 * The SageMaker resources of one account and region, with the lookups every operation needs.
 * Names are unique case-insensitively (their ARNs are lower case), as on AWS.
 */
export class SageMakerStore {
  state: SageMakerState = emptySageMakerState();

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  arn(resourceType: string, name: string): string {
    return sageMakerArn(this.region, this.accountId, resourceType, name);
  }

  newId(prefix: string): string {
    const id = this.state.nextId++;
    return `${prefix}-${id.toString(16).padStart(8, '0')}`;
  }

  model(name: string): ModelRecord | undefined {
    return this.state.models.find((record) => same(record.name, name));
  }

  requireModel(name: string): ModelRecord {
    const record = this.model(name);
    if (!record) throw validationException(`Could not find model "${this.arn('model', name)}".`);
    return record;
  }

  endpointConfig(name: string): EndpointConfigRecord | undefined {
    return this.state.endpointConfigs.find((record) => same(record.name, name));
  }

  requireEndpointConfig(name: string): EndpointConfigRecord {
    const record = this.endpointConfig(name);
    if (!record) throw validationException(`Could not find endpoint configuration "${this.arn('endpoint-config', name)}".`);
    return record;
  }

  endpoint(name: string): EndpointRecord | undefined {
    return this.state.endpoints.find((record) => same(record.name, name));
  }

  endpointById(id: string): EndpointRecord | undefined {
    return this.state.endpoints.find((record) => record.id === id);
  }

  requireEndpoint(name: string): EndpointRecord {
    const record = this.endpoint(name);
    if (!record) throw validationException(`Could not find endpoint "${this.arn('endpoint', name)}".`);
    return record;
  }

  inferenceComponent(name: string): InferenceComponentRecord | undefined {
    return this.state.inferenceComponents.find((record) => same(record.name, name));
  }

  requireInferenceComponent(name: string): InferenceComponentRecord {
    const record = this.inferenceComponent(name);
    if (!record) throw validationException(`Could not find inference component "${name}".`);
    return record;
  }

  /** Inference components placed on this endpoint (by identity, not by name). */
  componentsOf(endpoint: EndpointRecord): InferenceComponentRecord[] {
    return this.state.inferenceComponents.filter((ic) => ic.endpointId === endpoint.id);
  }
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
