import { formatHourlyUsd, roundToCents } from '../money/dollars';

/**
 * Rough on-demand prices of SageMaker real-time inference instances, for the plan preview only:
 * us-east-1, USD per instance-hour, as published on the SageMaker pricing page at `priceDate`.
 * Prices change and differ by region; the preview says so.
 */
export const priceDate = '2025-01-15';
export const priceRegion = 'us-east-1';

const hourlyUsd: Readonly<Record<string, number>> = {
  'ml.g5.xlarge': 1.408, 'ml.g5.2xlarge': 1.515, 'ml.g5.4xlarge': 2.03, 'ml.g5.8xlarge': 3.06,
  'ml.g5.12xlarge': 7.09, 'ml.g5.16xlarge': 4.59, 'ml.g5.24xlarge': 10.18, 'ml.g5.48xlarge': 20.36,
  'ml.g6.xlarge': 1.006, 'ml.g6.2xlarge': 1.222, 'ml.g6.4xlarge': 1.654, 'ml.g6.8xlarge': 2.518,
  'ml.g6.12xlarge': 5.739, 'ml.g6.16xlarge': 4.246, 'ml.g6.24xlarge': 8.37, 'ml.g6.48xlarge': 16.741,
  'ml.g6e.xlarge': 2.33, 'ml.g6e.2xlarge': 2.803, 'ml.g6e.4xlarge': 3.75, 'ml.g6e.8xlarge': 5.645,
  'ml.g6e.12xlarge': 12.352, 'ml.g6e.16xlarge': 9.475, 'ml.g6e.24xlarge': 18.825, 'ml.g6e.48xlarge': 37.65,
  'ml.p4d.24xlarge': 37.688, 'ml.p4de.24xlarge': 47.11, 'ml.p5.48xlarge': 113.07,
  'ml.inf2.xlarge': 0.99, 'ml.inf2.8xlarge': 2.36, 'ml.inf2.24xlarge': 7.79, 'ml.inf2.48xlarge': 15.58,
  'ml.m5.large': 0.115, 'ml.m5.xlarge': 0.23, 'ml.m5.2xlarge': 0.461, 'ml.m5.4xlarge': 0.922, 'ml.m5.12xlarge': 2.765, 'ml.m5.24xlarge': 5.53,
  'ml.c5.large': 0.119, 'ml.c5.xlarge': 0.238, 'ml.c5.2xlarge': 0.476, 'ml.c5.4xlarge': 0.952, 'ml.c5.9xlarge': 2.142, 'ml.c5.18xlarge': 4.284,
};

/** Prices the user set (setting `sagemakerScaleToZero.pricing.hourlyUsd`) win over the built-in table. */
export type PriceOverrides = Readonly<Record<string, number>>;

export function hourlyPrice(instanceType: string, overrides: PriceOverrides = {}): number | undefined {
  const own = overrides[instanceType];
  if (typeof own === 'number' && Number.isFinite(own) && own >= 0) return own;
  return hourlyUsd[instanceType];
}

/** "1 × ml.g5.2xlarge ≈ $1.52/h (approximate on-demand price, us-east-1, 2025-01-15)"; the user's prices win. */
export function describeHourlyCost(instanceType: string, count: number, overrides: PriceOverrides = {}): { description: string; hourlyUsd?: number } {
  const price = hourlyPrice(instanceType, overrides);
  if (price === undefined) {
    return { description: `${count} × ${instanceType} (no price in the built-in table: see the SageMaker pricing page)` };
  }
  const total = roundToCents(price * count);
  return {
    description: `${count} × ${instanceType} ≈ ${formatHourlyUsd(total)} while running (approximate on-demand price, ${priceRegion}, ${priceDate}; 0 while scaled to zero)`,
    hourlyUsd: total,
  };
}
