import { type ComponentFault, componentFaultKinds } from '../sagemaker/componentFaults';

/**
 * Injected faults (control API): extra latency, and a share of requests answered with throttling or
 * server errors, optionally only for some operations. Decisions come from a seeded generator, so a
 * run is reproducible. `rateLimits` throttle operations the way an account's API limits do: a token
 * bucket per operation (N requests per second, bursts of up to N), on real time.
 */
export interface FaultConfig {
  latencyMs: number;
  throttleRate: number;
  errorRate: number;
  /** Operation names (e.g. "InvokeEndpoint", "DescribeEndpoint"); empty or absent = all. */
  operations?: string[];
  /** Requests per second allowed per operation, e.g. {"DescribeEndpoint": 10}; the rest are throttled. */
  rateLimits?: Record<string, number>;
  /**
   * Requests whose answer is lost, per operation, e.g. {"CreateEndpoint": 1}: the next N such requests
   * are applied, then the connection is closed without an answer (the client retries a request the
   * service already carried out).
   */
  lostResponses?: Record<string, number>;
  /**
   * Instance types with no capacity, e.g. ["ml.g5.2xlarge"]: SageMaker provisions no instance of them, so a
   * variant falls back to its next instance pool by priority, and fails when every type is listed.
   */
  insufficientCapacity?: string[];
  /**
   * CloudWatch alarms held in a state until the faults are cleared, e.g. {"my-alarm": "ALARM"}: a
   * rolling update watching one of them rolls back.
   */
  alarmStates?: Record<string, 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'>;
  /**
   * Inference components whose next copies (a wake, a create, an update) fail, by name, e.g.
   * {"my-ic": "healthCheckTimeout"}: insufficientCapacity, healthCheckTimeout, imagePullDenied,
   * outOfMemory or quotaExceeded (docs/emulator.md, "Fault scenarios").
   */
  componentFaults?: Record<string, ComponentFault>;
  /**
   * Operations refused as an IAM denial refuses them, e.g. ["ListRegions"]: 403 AccessDeniedException
   * ("User: arn:aws:iam::<account>:user/emulator is not authorized to perform: account:ListRegions ...").
   */
  accessDenied?: string[];
  /**
   * Regions whose every request fails with 503 ServiceUnavailable, e.g. ["eu-west-1"] (set on the
   * account's home partition: it holds for the whole account). IAM and Account, global, are not affected.
   */
  regionsDown?: string[];
}

/** A token bucket: `rate` tokens per second, holding at most `rate` (at least 1). */
class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(
    private readonly rate: number,
    private readonly clock: () => number,
  ) {
    this.capacity = Math.max(1, rate);
    this.tokens = this.capacity;
    this.last = clock();
  }

  take(): boolean {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export type FaultDecision = { delayMs: number; error?: 'throttle' | 'server'; loseResponse?: boolean };

export class FaultInjector {
  private config: FaultConfig | undefined;
  private seed = 0x2545f491;
  private buckets = new Map<string, TokenBucket>();
  private lost = new Map<string, number>();

  /** `clock` is real time in ms (rate limits hold on the wall clock, whatever the virtual time scale). */
  constructor(private readonly clock: () => number = () => performance.now()) {}

  get current(): FaultConfig | undefined {
    return this.config ? { ...this.config } : undefined;
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.seed = 0x2545f491;
    this.buckets = new Map(Object.entries(config.rateLimits ?? {}).map(([operation, rate]) => [operation, new TokenBucket(rate, this.clock)]));
    this.lost = new Map(Object.entries(config.lostResponses ?? {}));
  }

  /** The fault set for an inference component's next copies, if any. */
  componentFault(componentName: string): ComponentFault | undefined {
    const faults = this.config?.componentFaults;
    return faults && Object.hasOwn(faults, componentName) ? faults[componentName] : undefined;
  }

  /** Whether the operation is refused with access denied. */
  denies(operation: string): boolean {
    return this.config?.accessDenied?.includes(operation) ?? false;
  }

  /** Whether every request to the region fails. */
  regionDown(region: string): boolean {
    return this.config?.regionsDown?.includes(region) ?? false;
  }

  /** Whether the fault says an instance type has no capacity now. */
  capacityRefused(instanceType: string): boolean {
    return this.config?.insufficientCapacity?.includes(instanceType) ?? false;
  }

  clear(): void {
    this.config = undefined;
    this.buckets.clear();
    this.lost.clear();
  }

  decide(operation: string): FaultDecision {
    const config = this.config;
    if (!config) return { delayMs: 0 };
    const lost = this.lost.get(operation) ?? 0;
    if (lost > 0) {
      this.lost.set(operation, lost - 1);
      return { delayMs: config.latencyMs, loseResponse: true };
    }
    const bucket = this.buckets.get(operation);
    const limited = bucket !== undefined && !bucket.take();
    if (config.operations && config.operations.length > 0 && !config.operations.includes(operation)) {
      return limited ? { delayMs: 0, error: 'throttle' } : { delayMs: 0 };
    }
    if (limited) return { delayMs: config.latencyMs, error: 'throttle' };
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
  const rateLimits = input.rateLimits;
  if (rateLimits !== undefined) {
    if (rateLimits === null || typeof rateLimits !== 'object' || Array.isArray(rateLimits)) return 'rateLimits must map operation names to requests per second.';
    for (const [operation, rate] of Object.entries(rateLimits)) {
      if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > 100_000) {
        return `rateLimits.${operation} must be a number of requests per second between 0 (excluded) and 100000.`;
      }
    }
  }
  const lostResponses = input.lostResponses;
  if (lostResponses !== undefined) {
    if (lostResponses === null || typeof lostResponses !== 'object' || Array.isArray(lostResponses)) return 'lostResponses must map operation names to a number of requests.';
    for (const [operation, count] of Object.entries(lostResponses)) {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 1000) {
        return `lostResponses.${operation} must be a whole number of requests between 0 and 1000.`;
      }
    }
  }
  const insufficientCapacity = input.insufficientCapacity;
  if (insufficientCapacity !== undefined && (!Array.isArray(insufficientCapacity) || insufficientCapacity.some((type) => typeof type !== 'string' || !/^ml\.[a-z0-9-]+\.[a-z0-9]+$/.test(type)))) {
    return 'insufficientCapacity must be a list of instance types such as "ml.g5.2xlarge".';
  }
  const alarmStates = input.alarmStates;
  if (alarmStates !== undefined) {
    if (alarmStates === null || typeof alarmStates !== 'object' || Array.isArray(alarmStates)) return 'alarmStates must map alarm names to OK, ALARM or INSUFFICIENT_DATA.';
    for (const [name, state] of Object.entries(alarmStates)) {
      if (state !== 'OK' && state !== 'ALARM' && state !== 'INSUFFICIENT_DATA') return `alarmStates.${name} must be OK, ALARM or INSUFFICIENT_DATA.`;
    }
  }
  const componentFaults = input.componentFaults;
  if (componentFaults !== undefined) {
    if (componentFaults === null || typeof componentFaults !== 'object' || Array.isArray(componentFaults)) {
      return `componentFaults must map inference component names to one of: ${componentFaultKinds.join(', ')}.`;
    }
    for (const [name, kind] of Object.entries(componentFaults)) {
      if (!(componentFaultKinds as readonly unknown[]).includes(kind)) return `componentFaults.${name} must be one of: ${componentFaultKinds.join(', ')}.`;
    }
  }
  const accessDenied = input.accessDenied;
  if (accessDenied !== undefined && (!Array.isArray(accessDenied) || accessDenied.some((operation) => typeof operation !== 'string' || !/^[A-Z][A-Za-z0-9]{1,99}$/.test(operation)))) {
    return 'accessDenied must be a list of operation names such as "ListRegions".';
  }
  const regionsDown = input.regionsDown;
  if (regionsDown !== undefined && (!Array.isArray(regionsDown) || regionsDown.some((region) => typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)))) {
    return 'regionsDown must be a list of region codes such as "eu-west-1".';
  }
  return {
    latencyMs: latency,
    throttleRate,
    errorRate,
    ...(operations ? { operations: operations as string[] } : {}),
    ...(rateLimits ? { rateLimits: { ...(rateLimits as Record<string, number>) } } : {}),
    ...(lostResponses ? { lostResponses: { ...(lostResponses as Record<string, number>) } } : {}),
    ...(insufficientCapacity ? { insufficientCapacity: [...(insufficientCapacity as string[])] } : {}),
    ...(alarmStates ? { alarmStates: { ...(alarmStates as Record<string, 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'>) } } : {}),
    ...(componentFaults ? { componentFaults: { ...(componentFaults as Record<string, ComponentFault>) } } : {}),
    ...(accessDenied ? { accessDenied: [...(accessDenied as string[])] } : {}),
    ...(regionsDown ? { regionsDown: [...(regionsDown as string[])] } : {}),
  };
}
