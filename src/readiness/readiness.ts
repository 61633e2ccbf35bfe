import {
  type AlarmSnapshot,
  type EndpointSnapshot,
  type InferenceComponentScaling,
  type InferenceComponentSnapshot,
  holdsInstances,
  type ScalingPolicySnapshot,
} from '../resources/resourceSnapshots';
import { findIdleTimeout } from '../resources/idleTimeout';
import { instanceKeeper } from '../resources/instanceKeepers';
import { asleepHoursPerWeek, type SleepWakeTiming } from '../resources/scheduleTimes';
import { plural } from '../l10n/plural';
import { formatHourlyUsd, formatUsd } from '../money/dollars';
import { fallbackTypesCheck } from './fallbackTypes';
import { wakeDetectionCheck } from './wakeDetection';
import { dataCacheCheck, startupTimeoutsCheck } from './startSettings';
import { adapterWakeFinding, adapterWakeTitle, type AdapterWakeInput } from './adapterWake';

/** Will this endpoint really scale to zero, and wake again? One check per condition, each with a reason. */
export type CheckStatus = 'pass' | 'fail' | 'warn';

export type FixId = 'enableManagedScalingToZero' | 'enableScaleToZero' | 'repairWakeAlarm' | 'editSchedules' | 'none';

export interface ReadinessCheck {
  id: string;
  title: string;
  status: CheckStatus;
  reason: string;
  /** What to do about a failure, in words. */
  fix?: string;
  /** Which wizard repairs it (later issues provide them). */
  fixId?: FixId;
}

export type Verdict = 'ready' | 'warnings' | 'notReady';

export interface ComponentReadiness {
  inferenceComponentName: string;
  checks: ReadinessCheck[];
  verdict: Verdict;
}

export interface EndpointReadiness {
  endpointName: string;
  checks: ReadinessCheck[];
  components: ComponentReadiness[];
  verdict: Verdict;
}

export interface ComponentInput {
  ic: InferenceComponentSnapshot;
  scaling: InferenceComponentScaling;
  /**
   * What would still bill while this component sleeps (src/cost's `sleepBilling`, computed by the caller
   * from the endpoint and the other components). Absent: its sleep schedules are not checked for it.
   */
  sleepBilling?: SleepBillingFacts;
}

/** The part of src/cost's SleepBilling the readiness rules read. */
export interface SleepBillingFacts {
  keepsBilling: boolean;
  reasons: string[];
  instancesKept: number;
  instanceType?: string;
  hourlyUsd?: number;
}

export interface ReadinessOptions {
  /** The week whose sleep hours are counted starts here. Absent: the hours (and the weekly cost) are not given. */
  now?: Date;
}

const wakeMetric = 'NoCapacityInvocationFailures';

function verdictOf(checks: ReadinessCheck[]): Verdict {
  if (checks.some((check) => check.status === 'fail')) return 'notReady';
  if (checks.some((check) => check.status === 'warn')) return 'warnings';
  return 'ready';
}

const pass = (id: string, title: string, reason: string): ReadinessCheck => ({ id, title, status: 'pass', reason });
const fail = (id: string, title: string, reason: string, fix: string, fixId: FixId): ReadinessCheck => ({
  id,
  title,
  status: 'fail',
  reason,
  fix,
  fixId,
});

/** Does one breaching datapoint of value 1 (one refused request in one period) put the alarm in ALARM? */
export function firesOnSingleRequest(alarm: AlarmSnapshot): { fires: boolean; why: string } {
  const threshold = alarm.threshold ?? Number.NaN;
  const operator = alarm.comparisonOperator ?? '';
  const breaches =
    (operator === 'GreaterThanOrEqualToThreshold' && 1 >= threshold) || (operator === 'GreaterThanThreshold' && 1 > threshold);
  const needed = alarm.datapointsToAlarm ?? alarm.evaluationPeriods ?? 1;
  if (!breaches) {
    const minimum = operator === 'GreaterThanThreshold' ? Math.floor(threshold) + 1 : Math.ceil(threshold);
    const within = alarm.statistic === 'Sum' && alarm.period ? ` within ${alarm.period} s` : ' in one period';
    return {
      fires: false,
      why: `It needs ${Number.isFinite(minimum) ? `${minimum} or more refused requests` : 'a value it never sees'}${within} (${operator} ${threshold}, ${alarm.statistic ?? 'no statistic'}): a single request never wakes the endpoint.`,
    };
  }
  if (needed > 1) {
    return { fires: false, why: `It needs ${needed} breaching periods in a row: one request gives only one.` };
  }
  return {
    fires: true,
    why: `One refused request breaches it (${operator} ${threshold}, ${alarm.statistic ?? ''} over ${alarm.period ?? '?'} s).`,
  };
}

function isWakeAlarmFor(alarm: AlarmSnapshot, icName: string): boolean {
  return alarm.metricName === wakeMetric && alarm.dimensions['InferenceComponentName'] === icName;
}

function stepPolicies(policies: ScalingPolicySnapshot[]): ScalingPolicySnapshot[] {
  return policies.filter(
    (policy) => policy.type === 'StepScaling' && (policy.stepAdjustments ?? []).some((step) => step.adjustment > 0),
  );
}

/** The alarm that wakes an IC: on its NoCapacityInvocationFailures, preferably one aimed at its step policy. */
export function findWakeAlarm(icName: string, scaling: InferenceComponentScaling): AlarmSnapshot | undefined {
  const candidates = scaling.alarms.filter((alarm) => isWakeAlarmFor(alarm, icName));
  const stepArns = new Set(stepPolicies(scaling.policies).map((policy) => policy.arn));
  return candidates.find((alarm) => alarm.alarmActions.some((action) => stepArns.has(action))) ?? candidates[0];
}

const enableAdvice = 'Run "Enable Scale to Zero" on this inference component to register it with the right settings.';

export function checkComponent({ ic, scaling }: ComponentInput): ComponentReadiness {
  const steps = stepPolicies(scaling.policies);
  const checks: ReadinessCheck[] = [
    scalableTargetCheck(scaling),
    scaleInPolicyCheck(ic.name, scaling),
    ...idleTimeoutChecks(ic.name, scaling),
    stepPolicyCheck(steps),
    ...wakeAlarmChecks(ic, scaling, steps),
    scheduleCheck({ ic, scaling }),
    ...[startupTimeoutsCheck(ic), dataCacheCheck(ic, scaling)].filter((check) => check !== undefined),
  ];
  return { inferenceComponentName: ic.name, checks, verdict: verdictOf(checks) };
}

/** An adapter's readiness: its one check, that a request to it while its base sleeps wakes the base (adapterWake.ts). */
export function checkAdapter(input: AdapterWakeInput): ComponentReadiness {
  const finding = adapterWakeFinding(input);
  const check: ReadinessCheck = {
    id: 'adapterWake',
    title: adapterWakeTitle,
    status: finding.status,
    reason: finding.reason,
    ...(finding.fix ? { fix: finding.fix, fixId: 'enableScaleToZero' as const } : {}),
  };
  return { inferenceComponentName: input.adapter.name, checks: [check], verdict: verdictOf([check]) };
}

/** Copies can reach 0 only if the scalable target lets them. */
function scalableTargetCheck(scaling: InferenceComponentScaling): ReadinessCheck {
  const target = scaling.target;
  if (!target) {
    return fail('scalableTarget', 'Scalable target with minimum 0', 'No Application Auto Scaling target is registered for its copy count.', enableAdvice, 'enableScaleToZero');
  }
  if (target.minCapacity !== 0) {
    return fail(
      'scalableTarget',
      'Scalable target with minimum 0',
      `The scalable target's MinCapacity is ${target.minCapacity}: copies never go below ${target.minCapacity}.`,
      'Set MinCapacity to 0 on the scalable target.',
      'enableScaleToZero',
    );
  }
  return pass('scalableTarget', 'Scalable target with minimum 0', `Registered with MinCapacity 0 and MaxCapacity ${target.maxCapacity}.`);
}

/** Something must scale copies in for the count to fall to 0 by itself. */
function scaleInPolicyCheck(icName: string, scaling: InferenceComponentScaling): ReadinessCheck {
  const scaleIn = scaling.policies.find((policy) => policy.type === 'TargetTrackingScaling' && !policy.disableScaleIn);
  const idle = findIdleTimeout(icName, scaling);
  if (!scaleIn && idle?.policy) {
    return pass('scaleInPolicy', 'A policy that scales copies in', `Step policy ${idle.policy.name} sets 0 copies when ${idle.alarm.name} fires.`);
  }
  return scaleIn
    ? pass('scaleInPolicy', 'A policy that scales copies in', `Target tracking ${scaleIn.name} on ${scaleIn.metric ?? 'a metric'} (target ${scaleIn.targetValue ?? '?'}).`)
    : fail(
        'scaleInPolicy',
        'A policy that scales copies in',
        'No target-tracking policy can scale copies in, so the copy count never falls to 0 by itself.',
        enableAdvice,
        'enableScaleToZero',
      );
}

/** "Sleeps after N idle minutes": an idle alarm aimed at a set-to-zero step policy, with target tracking's scale-in disabled. */
function idleTimeoutChecks(icName: string, scaling: InferenceComponentScaling): ReadinessCheck[] {
  const idle = findIdleTimeout(icName, scaling);
  if (!idle) return [];
  const title = 'Idle timeout';
  const warn = (reason: string, fix: string): ReadinessCheck => ({ id: 'idleTimeout', title, status: 'warn', reason, fix, fixId: 'enableScaleToZero' });
  const rerun = 'Run "Enable Scale to Zero" and set the idle minutes again: it writes the policy, the alarm and DisableScaleIn together.';
  if (!idle.policy) {
    return [warn(`${idle.alarm.name} watches ${idle.minutes} idle minutes but triggers no step policy that sets 0 copies: nothing sleeps after ${idle.minutes} minutes.`, rerun)];
  }
  if (!idle.countsRefusedRequests) {
    return [
      warn(
        `${idle.alarm.name} counts only served requests (Invocations): while ${icName} is cold, requests are refused and not counted, so the alarm stays in ALARM and its step policy can set 0 copies again right after a wake.`,
        'Run "Enable Scale to Zero": it replaces the alarm with one that also counts refused requests (NoCapacityInvocationFailures).',
      ),
    ];
  }
  if (!idle.alarm.actionsEnabled) {
    return [warn(`${idle.alarm.name} has its actions disabled: the component does not sleep after ${idle.minutes} idle minutes.`, 'Enable the alarm\'s actions.')];
  }
  if (idle.trackingScalesIn) {
    return [
      warn(
        `${idle.trackingScalesIn.name} still scales in (DisableScaleIn is off), so copies can go to 0 after its own ≈15 low minutes, not the ${idle.minutes} idle minutes ${idle.alarm.name} sets.`,
        rerun,
      ),
    ];
  }
  return [pass('idleTimeout', title, `Sleeps after ${idle.minutes} idle minutes: ${idle.alarm.name} triggers ${idle.policy.name} (0 copies); target tracking only scales out.`)];
}

/** Target tracking never scales out from 0: a step policy must add the first copy. */
function stepPolicyCheck(steps: ScalingPolicySnapshot[]): ReadinessCheck {
  return steps.length > 0
    ? pass('stepPolicy', 'A step policy that adds a copy from zero', `${steps[0].name} adds ${steps[0].stepAdjustments?.[0]?.adjustment ?? 1} copy.`)
    : fail(
        'stepPolicy',
        'A step policy that adds a copy from zero',
        'No step scaling policy: target tracking never scales out from 0 copies, so nothing would wake it.',
        enableAdvice,
        'enableScaleToZero',
      );
}

/** The wake alarm: that it exists, triggers the step policy, has its actions enabled and fires on one request. */
function wakeAlarmChecks(ic: InferenceComponentSnapshot, scaling: InferenceComponentScaling, steps: ScalingPolicySnapshot[]): ReadinessCheck[] {
  const alarm = findWakeAlarm(ic.name, scaling);
  const repair = 'Run "Enable Scale to Zero" to repair the wake alarm.';
  if (!alarm) {
    return [fail('wakeAlarm', 'A NoCapacity alarm aimed at the step policy', `No CloudWatch alarm watches ${wakeMetric} for ${ic.name}.`, repair, 'repairWakeAlarm')];
  }
  const stepArns = new Set(steps.map((policy) => policy.arn));
  const aimed = alarm.alarmActions.some((action) => stepArns.has(action));
  const single = firesOnSingleRequest(alarm);
  return [
    aimed
      ? pass('wakeAlarm', 'A NoCapacity alarm aimed at the step policy', `${alarm.name} triggers the step policy.`)
      : fail(
          'wakeAlarm',
          'A NoCapacity alarm aimed at the step policy',
          `${alarm.name} watches ${wakeMetric} but its actions do not include a step policy of ${ic.name}.`,
          repair,
          'repairWakeAlarm',
        ),
    alarm.actionsEnabled
      ? pass('wakeAlarmEnabled', 'Wake alarm actions enabled', `${alarm.name} has its actions enabled.`)
      : fail('wakeAlarmEnabled', 'Wake alarm actions enabled', `${alarm.name} has its actions disabled: it changes state but wakes nothing.`, 'Enable the alarm\'s actions.', 'repairWakeAlarm'),
    single.fires
      ? pass('wakeOnSingleRequest', 'Wakes on a single request', single.why)
      : fail(
          'wakeOnSingleRequest',
          'Wakes on a single request',
          `${alarm.name}: ${single.why}`,
          'Use Maximum over 30 s, GreaterThanOrEqualToThreshold 1, 1 of 1 datapoints (the settings of the AWS blog).',
          'repairWakeAlarm',
        ),
  ];
}

/** Schedules that the scalable target's min/max would fight. */
function scheduleCheck({ ic, scaling }: ComponentInput): ReadinessCheck {
  const title = 'Schedules agree with the scalable target';
  const problems: string[] = [];
  const target = scaling.target;
  for (const schedule of scaling.schedules) {
    const action = schedule.action;
    if (action.kind !== 'setCopyCount' || action.inferenceComponentName !== ic.name) continue;
    if (target && action.copyCount > target.maxCapacity) {
      problems.push(`${schedule.name} sets ${action.copyCount} copies, above the scalable target's MaxCapacity ${target.maxCapacity}: auto scaling brings it back down.`);
    }
    if (target && action.copyCount < target.minCapacity) {
      problems.push(`${schedule.name} sets ${action.copyCount} copies, below the scalable target's MinCapacity ${target.minCapacity}: auto scaling brings it back up.`);
    }
  }
  for (const action of scaling.scheduledActions) {
    const sleeps = scaling.schedules.some((s) => s.action.kind === 'setCopyCount' && s.action.copyCount === 0);
    if (sleeps && (action.minCapacity ?? 0) > 0) {
      problems.push(`Scheduled action ${action.name} sets MinCapacity ${action.minCapacity}, which fights the schedule that sets 0 copies.`);
    }
  }
  if (problems.length === 0) {
    return pass('schedules', title, scaling.schedules.length === 0 ? 'No schedules.' : plural(scaling.schedules.length, { one: '{count} schedule, not in conflict.', other: '{count} schedules, none in conflict.' }));
  }
  return { id: 'schedules', title, status: 'warn', reason: problems.join(' '), fix: 'Change the schedule or the scalable target so they agree.', fixId: 'editSchedules' };
}

/** The enabled schedules (and scheduled actions) that put a component to sleep, and those that wake it. */
export function sleepAndWakeTimings({ ic, scaling }: ComponentInput): { sleeps: { name: string; timing: SleepWakeTiming }[]; wakes: SleepWakeTiming[] } {
  const sleeps: { name: string; timing: SleepWakeTiming }[] = [];
  const wakes: SleepWakeTiming[] = [];
  for (const schedule of scaling.schedules) {
    const action = schedule.action;
    if (!schedule.enabled || action.kind === 'other' || action.inferenceComponentName !== ic.name) continue;
    const timing = { expression: schedule.expression, timezone: schedule.timezone };
    const asleep = action.kind === 'deleteInferenceComponent' || (action.kind === 'setCopyCount' && action.copyCount === 0);
    if (asleep) sleeps.push({ name: schedule.name, timing });
    else wakes.push(timing);
  }
  for (const action of scaling.scheduledActions) {
    const timing = { expression: action.schedule, timezone: action.timezone };
    if (action.maxCapacity === 0) sleeps.push({ name: action.name, timing });
    else if ((action.minCapacity ?? 0) > 0) wakes.push(timing);
  }
  return { sleeps, wakes };
}

/** Sleep schedules on an endpoint whose instances stay anyway: they save nothing, and say what keeps billing. */
function sleepScheduleCheck(input: ComponentInput, options: ReadinessOptions): ReadinessCheck | undefined {
  const { sleeps, wakes } = sleepAndWakeTimings(input);
  const billing = input.sleepBilling;
  if (sleeps.length === 0 || !billing) return undefined;
  const title = 'Sleep schedules stop the bill';
  const names = sleeps.map((sleep) => sleep.name).join(', ');
  if (!billing.keepsBilling) return pass('sleepSchedules', title, `${names}: nothing else holds the instances while it sleeps.`);
  const hours = options.now ? asleepHoursPerWeek(sleeps.map((sleep) => sleep.timing), wakes, options.now) : undefined;
  const kept = `${billing.instancesKept} × ${billing.instanceType ?? 'instance'}`;
  const cost =
    hours !== undefined && billing.hourlyUsd !== undefined
      ? `${kept} keep billing for the ${hours} h a week it sleeps: ≈ ${formatUsd(billing.hourlyUsd * hours)} a week (≈ ${formatHourlyUsd(billing.hourlyUsd)} on-demand).`
      : `${kept} keep billing while it sleeps${hours !== undefined ? ` (${hours} h a week)` : ''}.`;
  return {
    id: 'sleepSchedules',
    title,
    status: 'warn',
    reason: `${names} put${sleeps.length === 1 ? 's' : ''} ${input.ic.name} to sleep, but the instances stay: ${billing.reasons.join('; ')}. ${cost}`,
    fix: 'Give the endpoint a new endpoint config with managed instance scaling on and MinInstanceCount 0 (and put the other components to sleep too), or delete the schedules: they save nothing.',
    fixId: 'editSchedules',
  };
}

function withSleepScheduleCheck(input: ComponentInput, options: ReadinessOptions): ComponentReadiness {
  const result = checkComponent(input);
  const sleep = sleepScheduleCheck(input, options);
  if (!sleep) return result;
  const checks = [...result.checks, sleep];
  return { ...result, checks, verdict: verdictOf(checks) };
}

/** How soon the wake alarm and target tracking see requests, with the endpoint's MetricsConfig (wakeDetection.ts). */
function withWakeDetectionCheck(result: ComponentReadiness, { ic, scaling }: ComponentInput, endpoint: EndpointSnapshot): ComponentReadiness {
  const tracking = scaling.policies.find((policy) => policy.type === 'TargetTrackingScaling' && !policy.disableScaleIn);
  const check = wakeDetectionCheck(endpoint.metricsConfig, findWakeAlarm(ic.name, scaling), tracking);
  if (!check) return result;
  const checks = [...result.checks, check];
  return { ...result, checks, verdict: verdictOf(checks) };
}

/** The component checks that keep its copies from falling to 0, and those that keep it from waking from 0. */
const floorChecks = new Set(['scalableTarget', 'scaleInPolicy']);
const wakeChecks = new Set(['stepPolicy', 'wakeAlarm', 'wakeAlarmEnabled', 'wakeOnSingleRequest', 'adapterWake']);

const firstFailing = (result: ComponentReadiness, ids: Set<string>): ReadinessCheck | undefined =>
  result.checks.find((check) => check.status === 'fail' && ids.has(check.id));

/**
 * What a component whose copies cannot fall to 0 (`floor`, its failing floor check) does to its
 * endpoint, in one sentence: it keeps instances alive when it has copies now (or is getting some) or its
 * scalable target keeps a minimum above 0; one at 0 copies only stays up once a request wakes it.
 */
export function floorFinding(ic: InferenceComponentSnapshot, scaling: Pick<InferenceComponentScaling, 'target'>, floor: Pick<ReadinessCheck, 'reason'>): string {
  const holds = holdsInstances(ic) || (scaling.target?.minCapacity ?? 0) > 0;
  return holds ? `${ic.name} keeps instances alive: ${floor.reason}` : `${ic.name} has 0 copies now, but once a request wakes it, it stays up: ${floor.reason}`;
}

/**
 * The endpoint's findings about its components, each naming the component and the check that fails it.
 * A component "keeps instances alive" only when it has copies now (or getting some) or its scalable
 * target keeps a minimum above 0: one at 0 copies that cannot scale back in after waking, or cannot
 * wake, holds no instance, and the finding says what it really does.
 */
function componentFindings(inputs: ComponentInput[], results: ComponentReadiness[]): ReadinessCheck[] {
  const keepTitle = 'Every inference component can reach 0 copies';
  const wakeTitle = 'Every inference component wakes on a request';
  const keeping: string[] = [];
  const keepFixes: { name: string; check: ReadinessCheck }[] = [];
  const wakeProblems: string[] = [];
  const wakeFixes: { name: string; check: ReadinessCheck }[] = [];
  results.forEach((result, index) => {
    const { ic, scaling } = inputs[index];
    const floor = firstFailing(result, floorChecks);
    if (floor) {
      keeping.push(floorFinding(ic, scaling, floor));
      // The change named for this component (src/resources/instanceKeepers.ts), or the failing check's own fix.
      const keeper = instanceKeeper(ic, scaling);
      keepFixes.push({ name: ic.name, check: keeper ? { ...floor, fix: `${keeper.change.charAt(0).toUpperCase()}${keeper.change.slice(1)}.` } : floor });
    }
    const wake = firstFailing(result, wakeChecks);
    if (wake) {
      wakeProblems.push(`${ic.name} will not wake on a request: ${wake.reason}`);
      wakeFixes.push({ name: ic.name, check: wake });
    }
  });
  const keep: ReadinessCheck =
    keeping.length === 0
      ? pass('allComponents', keepTitle, inputs.length ? 'Every inference component can scale its copies in to 0.' : 'No inference components.')
      : {
          id: 'allComponents',
          title: keepTitle,
          status: 'fail',
          reason: `${keeping.join(' ')} Instances are released only when every inference component is at 0 copies.`,
          fix: namedFixes(keepFixes),
          fixId: keepFixes[0].check.fixId,
        };
  const wakes: ReadinessCheck =
    wakeProblems.length === 0
      ? pass('componentsWake', wakeTitle, inputs.length ? 'Every inference component has a step policy and a wake alarm that fires on one request.' : 'No inference components.')
      : {
          id: 'componentsWake',
          title: wakeTitle,
          status: 'fail',
          reason: wakeProblems.join(' '),
          fix: namedFixes(wakeFixes),
          fixId: wakeFixes[0].check.fixId,
        };
  // The finding that fails comes first; when both fail, the instances kept (the bill) before the wake.
  return wakes.status === 'fail' && keep.status !== 'fail' ? [wakes, keep] : [keep, wakes];
}

/** Each component's fix, named: "demo-embeddings: Use Maximum over 30 s, …". */
function namedFixes(fixes: { name: string; check: ReadinessCheck }[]): string {
  // On the endpoint's finding, "this inference component" would not say which: the fix names it.
  return fixes.map(({ name, check }) => `${name}: ${(check.fix ?? '').replace('on this inference component', `on ${name}`)}`).join(' ');
}

export function checkEndpoint(endpoint: EndpointSnapshot, components: ComponentInput[], options: ReadinessOptions = {}): EndpointReadiness {
  const checks: ReadinessCheck[] = [];
  const variant = endpoint.variants[0];
  const scaling = variant?.managedScaling;
  const title = 'Managed instance scaling down to 0 instances';
  if (!scaling?.enabled) {
    checks.push(
      fail('managedScaling', title, 'Managed instance scaling is not enabled: instances stay up whatever the copies do.', 'Create the endpoint from a config with ManagedInstanceScaling enabled and MinInstanceCount 0.', 'enableManagedScalingToZero'),
    );
  } else if ((scaling.min ?? 1) !== 0) {
    checks.push(
      fail('managedScaling', title, `MinInstanceCount is ${scaling.min ?? 'unset'}: at least that many instances always run and bill.`, 'Update the endpoint to a config whose MinInstanceCount is 0.', 'enableManagedScalingToZero'),
    );
  } else {
    checks.push(pass('managedScaling', title, `Enabled, ${scaling.min}–${scaling.max ?? '?'} instances.`));
  }
  const fallback = fallbackTypesCheck(variant);
  if (fallback) checks.push(fallback);

  const icBased = endpoint.inferenceComponentBased ?? components.length > 0;
  checks.push(
    icBased
      ? pass('inferenceComponents', 'Hosts inference components', plural(components.length, { one: '{count} inference component.', other: '{count} inference components.' }))
      : fail('inferenceComponents', 'Hosts inference components', 'The endpoint serves a model directly: only inference-component endpoints scale to zero.', 'Create a new endpoint whose config has no model in its variant, and deploy the model as an inference component.', 'none'),
  );

  // Adapters have no copies of their own: their one check is that a request to them wakes their base.
  const adapters = components.filter((component) => component.ic.baseComponentName !== undefined);
  const models = components.filter((component) => component.ic.baseComponentName === undefined);
  const results = [
    ...models.map((component) => withWakeDetectionCheck(withSleepScheduleCheck(component, options), component, endpoint)),
    ...adapters.map((component) =>
      checkAdapter({ adapter: component.ic, scaling: component.scaling, base: models.find((model) => model.ic.name === component.ic.baseComponentName) }),
    ),
  ];
  checks.push(...componentFindings([...models, ...adapters], results));
  const all = [...checks, ...results.flatMap((result) => result.checks)];
  return { endpointName: endpoint.name, checks, components: results, verdict: verdictOf(all) };
}
