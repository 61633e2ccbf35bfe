/**
 * Injected faults (control API): extra latency, and a share of requests answered with throttling or
 * server errors, optionally only for some operations. Decisions come from a seeded generator, so a
 * run is reproducible.
 */
export interface FaultConfig {
  latencyMs: number;
  throttleRate: number;
  errorRate: number;
  /** Operation names (e.g. "InvokeEndpoint", "DescribeEndpoint"); empty or absent = all. */
  operations?: string[];
}

export type FaultDecision = { delayMs: number; error?: 'throttle' | 'server' };

export class FaultInjector {
  private config: FaultConfig | undefined;
  private seed = 0x2545f491;

  get current(): FaultConfig | undefined {
    return this.config ? { ...this.config } : undefined;
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.seed = 0x2545f491;
  }

  clear(): void {
    this.config = undefined;
  }

  decide(operation: string): FaultDecision {
    const config = this.config;
    if (!config || (config.operations && config.operations.length > 0 && !config.operations.includes(operation))) return { delayMs: 0 };
    const roll = this.next();
    if (roll < config.throttleRate) return { delayMs: config.latencyMs, error: 'throttle' };
    if (roll < config.throttleRate + config.errorRate) return { delayMs: config.latencyMs, error: 'server' };
    return { delayMs: config.latencyMs };
  }

  /** mulberry32: uniform in [0, 1). */
  private next(): number {
    this.seed = (this.seed + 0x6d2b79f5) >>> 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** Validates a fault configuration from the control API; returns an error message or the config. */
export function parseFaultConfig(value: unknown): FaultConfig | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'Expected a JSON object.';
  const input = value as Record<string, unknown>;
  const rate = (name: string): number | string => {
    const v = input[name] ?? 0;
    return typeof v === 'number' && v >= 0 && v <= 1 ? v : `${name} must be a number between 0 and 1.`;
  };
  const latency = input.latencyMs ?? 0;
  if (typeof latency !== 'number' || !Number.isFinite(latency) || latency < 0 || latency > 60_000) return 'latencyMs must be a number between 0 and 60000.';
  const throttleRate = rate('throttleRate');
  if (typeof throttleRate === 'string') return throttleRate;
  const errorRate = rate('errorRate');
  if (typeof errorRate === 'string') return errorRate;
  if (throttleRate + errorRate > 1) return 'throttleRate + errorRate must not exceed 1.';
  const operations = input.operations;
  if (operations !== undefined && (!Array.isArray(operations) || operations.some((op) => typeof op !== 'string'))) {
    return 'operations must be a list of operation names.';
  }
  return { latencyMs: latency, throttleRate, errorRate, ...(operations ? { operations: operations as string[] } : {}) };
}
