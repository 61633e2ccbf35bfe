import { hourlyPrice } from '../../cost/pricing';
import { formatUsd, roundToCents } from '../../money/dollars';
import { type PlanStep } from './plan';

/**
 * Settings AWS refuses in some regions though the model allows them, explained: which setting, in
 * which region, and the way out. Users report `MinInstanceCount` 0 refused with "Min instance count
 * needs to be greater than 0 for enabled managed instance scaling" (stdapi-ai/stdapi.ai#43, eu-west-3,
 * while us-east-1 accepted the same call); the emulator refuses it on request (control API
 * `/__emulator/refusals`).
 */
const minInstanceCountZeroRefused = /min(imum)? instance count needs to be greater than 0/i;

/** Hours in an average month (365 × 24 / 12), as AWS's pricing pages count them. */
const hoursPerMonth = 730;

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  return String(error ?? '');
}

/** The instance type of the refused endpoint config's first variant with managed instance scaling from 0. */
function instanceTypeOf(step: PlanStep | undefined): { configName?: string; instanceType?: string } {
  if (step?.operation !== 'CreateEndpointConfig') return {};
  const variants = Array.isArray(step.input.ProductionVariants) ? (step.input.ProductionVariants as Record<string, unknown>[]) : [];
  const variant = variants.find((candidate) => {
    const managed = candidate.ManagedInstanceScaling as Record<string, unknown> | undefined;
    return managed?.Status === 'ENABLED' && managed.MinInstanceCount === 0;
  });
  return {
    configName: typeof step.input.EndpointConfigName === 'string' ? step.input.EndpointConfigName : undefined,
    instanceType: typeof variant?.InstanceType === 'string' ? variant.InstanceType : undefined,
  };
}

export interface RegionRefusal {
  /** One line, for the title of the question that follows ("… stopped: <short>"). */
  short: string;
  /** The ways out in a few words, for the question's placeholder: "another region, or MinInstanceCount 1 (about $1105.95 a month)". */
  wayOut: string;
  /** The whole explanation: the setting, the region, the ways out with what they cost, and AWS's words. */
  message: string;
}

/**
 * The plain explanation of a region's refusal of a setting, or undefined when `error` is no such
 * refusal. `failedStep` is the plan call AWS refused; `region` the connection's.
 */
export function explainRegionRefusal(error: unknown, failedStep: PlanStep | undefined, region: string): RegionRefusal | undefined {
  if (!minInstanceCountZeroRefused.test(errorText(error))) return undefined;
  const { configName, instanceType } = instanceTypeOf(failedStep);
  const price = instanceType ? hourlyPrice(instanceType) : undefined;
  const monthly = price === undefined ? undefined : roundToCents(price * hoursPerMonth);
  const cost =
    instanceType === undefined
      ? 'one instance then always runs and bills'
      : monthly === undefined
        ? `one ${instanceType} then always runs and bills (no price known for it)`
        : `one ${instanceType} then always runs, about ${formatUsd(monthly)} a month (${formatUsd(price!)}/h × ${hoursPerMonth} h, on-demand us-east-1 prices)`;
  return {
    short: `SageMaker in ${region} refused MinInstanceCount 0, so the endpoint cannot scale to zero there`,
    wayOut: `another region, or MinInstanceCount 1${monthly === undefined ? ' (always on)' : ` (about ${formatUsd(monthly)} a month)`}`,
    message:
      `SageMaker in ${region} refused MinInstanceCount 0 (ManagedInstanceScaling of endpoint config ${configName ?? 'the new endpoint config'}): ` +
      `this region does not let an endpoint release its last instance, so it cannot scale to zero here. ` +
      `Either create the endpoint in another region${region === 'us-east-1' ? '' : ' (users report that us-east-1 accepts it)'}, or set MinInstanceCount to 1: ${cost}. ` +
      `Nothing that bills was created before the refusal (no endpoint, no instance); Roll back deletes what the plan made. ` +
      `AWS said: "${errorText(error)}"`,
  };
}
