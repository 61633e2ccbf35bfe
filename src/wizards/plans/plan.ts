/**
 * A plan: the ordered AWS API calls a wizard will make, with their parameters, shown to the user
 * before anything runs, exportable as boto3, AWS CLI or CloudFormation, and run by the plan runner.
 * Pure data (JSON-serialisable), so wizards are tested by the plans they build.
 */

export type PlanService = 'sagemaker' | 'application-auto-scaling' | 'cloudwatch' | 'scheduler' | 'iam';

import { type ResourceRef } from '../../resources/resourceSnapshots';

/** What a step creates, so that a rollback can delete it and a resumed run can skip it. */
export type CreatedResource = ResourceRef;

/** The members that name each kind of resource: what identifies it, whatever else a record of it holds. */
export const resourceNamingMembers: Readonly<Record<ResourceRef['kind'], readonly string[]>> = {
  model: ['name'],
  endpointConfig: ['name'],
  endpoint: ['name'],
  inferenceComponent: ['name'],
  scalableTarget: ['resourceId', 'scalableDimension'],
  scalingPolicy: ['policyName', 'resourceId', 'scalableDimension'],
  alarm: ['name'],
  schedule: ['name', 'group'],
  scheduledAction: ['name', 'resourceId', 'scalableDimension'],
  role: ['name'],
  rolePolicy: ['roleName', 'policyName'],
};

/** One key per resource, from its kind and naming members: equal for two records of the same resource. */
export function resourceKey(resource: ResourceRef): string {
  const members = resourceNamingMembers[resource.kind].map((member) => String((resource as unknown as Record<string, unknown>)[member]));
  return JSON.stringify([resource.kind, ...members]);
}

/** A value taken from an earlier step's response, e.g. the step policy's ARN for the alarm's actions. */
export interface OutputRef {
  $ref: string;
}

export type PlanValue = string | number | boolean | null | OutputRef | PlanValue[] | { [key: string]: PlanValue };

export interface PlanStep {
  /** Stable within the plan; a resumed run and the exporters refer to steps by it. */
  id: string;
  service: PlanService;
  /** The API operation in PascalCase, as the SDK command is named without "Command": `CreateEndpointConfig`. */
  operation: string;
  /** The request, with the API's PascalCase member names. May contain OutputRefs. */
  input: { [key: string]: PlanValue };
  /** One line for the plan's preview and for progress: "Create endpoint config demo-config". */
  description: string;
  creates?: CreatedResource;
  /** Names this step's response values for later steps: { stepPolicyArn: 'PolicyARN' }. */
  outputs?: Record<string, string>;
  /**
   * Wait after the call until the resource is ready, before the next step. `rollingUpdate`: until the
   * component leaves Updating, then fail the step if SageMaker rolled the new specification back.
   */
  waitFor?: 'endpointInService' | 'inferenceComponentInService' | 'rollingUpdate';
  /** Optional step: the call changes an existing resource (never deleted by a rollback). */
  modifiesExisting?: boolean;
}

export interface Plan {
  title: string;
  steps: PlanStep[];
  /** What the plan starts billing, for the preview: e.g. 1 × ml.g5.2xlarge ≈ $1.52/h. */
  cost?: { description: string; hourlyUsd?: number };
  /** Notes the user should read before running (e.g. "the first copy bills until the first scale-in"). */
  notes?: string[];
}

export function isOutputRef(value: unknown): value is OutputRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as OutputRef).$ref === 'string';
}
