import { describeAwsError } from '../../aws/awsErrorMessages';
import { readActivityHistory } from '../../aws/activityHistory';
import { type AwsClients } from '../../aws/clients';
import { currentBurn, type CurrentBurn, estimateSavings, type Savings } from '../../cost/costLens';
import { type PriceOverrides } from '../../cost/pricing';
import { type EndpointSnapshot } from '../../resources/resourceSnapshots';
import { type ComponentEntry } from './inventoryEntries';

/** What an endpoint costs now and what scale to zero saved it over the last days, in words (and the figures behind them). */
export interface EndpointCost {
  /** `currentBurn`'s description: "≈ $1.52/h for 1 × ml.g5.2xlarge (…)". */
  now: string;
  burn: CurrentBurn;
  /** `estimateSavings`' description, or why the activities could not be read; absent for an endpoint without components. */
  saved?: string;
  savings?: Savings;
}

/** The saving is estimated over this many days unless told otherwise (the readiness report's window). */
export const defaultSavingsDays = 7;

/**
 * The endpoint's cost now (its running instances at the on-demand price) and what scale to zero saved
 * over the `days` before `to`, from its components' scaling activities (one DescribeScalingActivities,
 * paged, per component). The readiness report and the agent tools share this one computation.
 */
export async function endpointCost(
  clients: AwsClients,
  endpoint: EndpointSnapshot,
  components: readonly Pick<ComponentEntry, 'summary' | 'snapshot'>[],
  options: { to: Date; overrides: PriceOverrides; days?: number; region?: string },
): Promise<EndpointCost> {
  const days = options.days ?? defaultSavingsDays;
  const burn = currentBurn(endpoint, options.overrides);
  const now = burn.description;
  const to = options.to;
  const from = new Date(to.getTime() - days * 86_400_000);
  if (components.length === 0) return { now, burn };
  try {
    const histories = await Promise.all(components.map((entry) => readActivityHistory(clients, entry.summary.name, from)));
    const savings = estimateSavings({
      activitiesByComponent: histories,
      desiredNowByComponent: components.map((entry) => entry.snapshot?.desiredCopyCount ?? 0),
      from,
      to,
      createdAt: endpoint.creationTime,
      instanceType: endpoint.variants[0]?.instanceType,
      alwaysOnInstances: Math.max(1, endpoint.variants[0]?.managedScaling?.min ?? 1),
      overrides: options.overrides,
    });
    return { now, burn, saved: savings.description, savings };
  } catch (error) {
    const described = describeAwsError(error, { action: 'Read the scaling activities of', resource: `endpoint ${endpoint.name}`, region: options.region });
    return { now, burn, saved: `Savings over the last ${days} days could not be read: ${described.message}` };
  }
}
