/**
 * The heap check of the long runs: the least-squares slope of the heap (sampled after gc) over
 * simulated time. A leak shows as a steady slope however noisy single samples are; comparing two
 * samples does not.
 */
export interface HeapSample {
  hour: number;
  heapMb: number;
}

/** The least-squares slope of the heap over the samples, in MB per simulated hour (NaN with fewer than two hours). */
export function heapSlopeMbPerHour(samples: readonly HeapSample[]): number {
  const n = samples.length;
  if (n < 2) return Number.NaN;
  const meanHour = samples.reduce((sum, sample) => sum + sample.hour, 0) / n;
  const meanHeap = samples.reduce((sum, sample) => sum + sample.heapMb, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const sample of samples) {
    covariance += (sample.hour - meanHour) * (sample.heapMb - meanHeap);
    variance += (sample.hour - meanHour) ** 2;
  }
  return variance === 0 ? Number.NaN : covariance / variance;
}

/** The slope check: undefined when the heap stayed flat, otherwise what is wrong, in words. */
export function heapSlopeProblem(samples: readonly HeapSample[], limits: { heapSlopeMbPerHour: number; minSamples: number }): string | undefined {
  if (samples.length < limits.minSamples) return `only ${samples.length} heap samples, fewer than the ${limits.minSamples} a slope needs`;
  const slope = heapSlopeMbPerHour(samples);
  if (slope < limits.heapSlopeMbPerHour) return undefined;
  return `the heap grows ${slope.toFixed(3)} MB per simulated hour (fitted over ${samples.length} samples, ${samples[0].heapMb.toFixed(1)} to ${samples.at(-1)!.heapMb.toFixed(1)} MB), not below ${limits.heapSlopeMbPerHour}`;
}
