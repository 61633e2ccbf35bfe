import { type EndpointSnapshot, type InferenceComponentScaling } from '../../resources/resourceSnapshots';
import { asleepHoursPerWeek } from '../../resources/scheduleTimes';
import { describeScheduledSleepBilling, holdsInstances, sleepBilling } from '../../cost/sleepBilling';
import { type PriceOverrides } from '../../cost/pricing';
import { type Plan, type PlanValue } from '../plans/plan';
import { isValidTimeZone } from '@s2z/schedule-expressions';
import { pickInferenceComponentStep } from '../account/inferenceComponentPick';
import { type WizardEnvironment } from '../environment';
import { inputStep, pickStep } from '../framework/stepBuilders';
import { runWizard, type WizardStep } from '../framework/wizardRunner';
import { type WizardResult } from '../framework/wizardResult';
import { validateScheduledActionName, validateScheduleName } from '../validation/names';
import { validateInteger } from '../validation/numbers';
import { validateRoleArn } from '../validation/roleArn';
import { type Answer, type Choice, type StepInfo, type UserInput } from '../../prompts/userInput';
import { type SchedulerRoleListing } from '../../aws/schedulerRoles';
import { parseRoleNameWithPath } from '../validation/roleName';
import { schedulerActions, schedulerPrincipal, schedulerRoleArnOutput, schedulerRoleSteps } from './schedulerRolePlan';
import { previewFireTimes } from './firePreview';
import { plural } from '../../l10n/plural';
import { copiedEnvironment, createRequestFromDescription, recreateRequest, scheduleSteps, type ScheduleMethod, type SecretHandling } from './schedulePlan';
import { listNames, secretEnvironmentKeys } from '../plans/secrets';
import { schedulePresets, validateScheduleExpression } from './schedulePresets';

export const scheduleTitle = 'Schedule Sleep and Wake';
const customPreset = 'custom';

interface Loaded {
  name: string;
  scaling: InferenceComponentScaling;
  createRequest: { [key: string]: PlanValue };
  /** Its ARN and its endpoint's (what a new scheduler role's policy is scoped to). */
  componentArn?: string;
  endpointArn?: string;
  /** The endpoint hosting it and the other components there that have copies (undefined: not readable). */
  endpoint?: EndpointSnapshot;
  othersWithCopies: string[];
}

interface ScheduleState {
  icName?: string;
  loaded?: Loaded;
  method?: ScheduleMethod;
  /** Delete/recreate of a component whose container environment holds secrets: what the wake schedule copies. */
  secrets?: SecretHandling;
  timezone: string;
  preset?: string;
  sleepExpression: string;
  wakeExpression: string;
  wakeCopies?: number;
  sleepName?: string;
  wakeName?: string;
  /** The role Scheduler assumes: an existing one (listed or typed, `roleArn`) or one the plan creates (`newRole`). */
  roleChoice?: 'existing' | 'typed' | 'create';
  roleArn: string;
  newRole?: { name: string; path: string };
}

/** The other components on the endpoint that have (or are getting) copies: they hold the instances too. */
async function othersWithCopies(env: WizardEnvironment, endpointName: string, name: string): Promise<string[]> {
  const others = (await env.reader.listInferenceComponents(endpointName)).filter((summary) => summary.name !== name);
  const described = await Promise.all(others.map((summary) => env.reader.describeInferenceComponent(summary.name)));
  return described.filter(holdsInstances).map((ic) => ic.name);
}

async function load(env: WizardEnvironment, name: string): Promise<Loaded> {
  const [read, description] = await Promise.all([env.reader.readScaling([name]), env.reader.rawDescription('inferenceComponent', name)]);
  const endpointName = String((description as { EndpointName?: string }).EndpointName ?? '');
  // What would still bill while it sleeps is a warning, not a step: when it cannot be read, the wizard goes on without it.
  const [endpoint, others] = endpointName
    ? await Promise.all([env.reader.describeEndpoint(endpointName).catch(() => undefined), othersWithCopies(env, endpointName, name).catch(() => [])])
    : [undefined, []];
  return {
    name,
    scaling: read.byComponent.get(name) ?? { policies: [], alarms: [], activities: [], schedules: [], scheduledActions: [] },
    createRequest: createRequestFromDescription(description as Record<string, unknown>),
    componentArn: (description as { InferenceComponentArn?: string }).InferenceComponentArn,
    endpointArn: (description as { EndpointArn?: string }).EndpointArn,
    endpoint,
    othersWithCopies: others,
  };
}

const usesScheduler = (state: ScheduleState) => state.method !== 'scheduledAction';

/** Conflicts between the schedules and the scalable target, in words. */
export function scheduleWarnings(state: ScheduleState): string[] {
  const target = state.loaded?.scaling.target;
  const warnings: string[] = [];
  if (!target || state.method === 'scheduledAction') return warnings;
  const wake = state.wakeCopies ?? 1;
  if (wake > target.maxCapacity) {
    warnings.push(`Warning: the wake schedule sets ${wake} copies, above the scalable target's MaxCapacity ${target.maxCapacity}: auto scaling brings it back down to ${target.maxCapacity}.`);
  }
  if (target.minCapacity > 0) {
    warnings.push(`Warning: the scalable target's MinCapacity is ${target.minCapacity}: it fights the sleep schedule and brings copies back up (set it to 0 with "Enable Scale to Zero").`);
  }
  return warnings;
}

/**
 * A sleep schedule that leaves the instances billing (managed instance scaling off or with a minimum
 * above 0, other components with copies), in words with the weekly cost that stays; undefined when the
 * sleep really stops the bill. The scalable target's MinCapacity is left to `scheduleWarnings`.
 */
export function sleepBillingWarning(state: ScheduleState, now: Date, overrides: PriceOverrides = {}): string | undefined {
  const loaded = state.loaded;
  if (!loaded?.endpoint) return undefined;
  const billing = sleepBilling({ endpoint: loaded.endpoint, othersWithCopies: loaded.othersWithCopies }, overrides);
  if (!billing.keepsBilling) return undefined;
  const hours = asleepHoursPerWeek(
    [{ expression: state.sleepExpression, timezone: state.timezone }],
    [{ expression: state.wakeExpression, timezone: state.timezone }],
    now,
  );
  return describeScheduledSleepBilling(billing, hours);
}

/**
 * The role EventBridge Scheduler assumes: one of the account's roles that trust scheduler.amazonaws.com
 * (listed when the environment can, marked when their inline policies allow the schedules' action), a
 * new role the plan creates, or an ARN typed in (when the roles cannot be listed, or the role is elsewhere).
 */
function roleStep(env: WizardEnvironment): WizardStep<ScheduleState> {
  let listing: Promise<SchedulerRoleListing> | undefined;
  let listedFor: string | undefined;
  return {
    id: 'roleArn',
    when: usesScheduler,
    async ask(state: ScheduleState, info: StepInfo, ui: UserInput) {
      if (!env.listSchedulerRoles) return typeRoleArn(env, state, info, ui);
      const componentArn = state.loaded?.componentArn ?? '';
      const action = schedulerActions(state.method ?? 'copyCount')[0];
      if (!listing || listedFor !== `${action} ${componentArn}`) {
        listedFor = `${action} ${componentArn}`;
        listing = env.listSchedulerRoles({ action, resource: componentArn });
      }
      const listed = await listing;
      for (;;) {
        const answer = await ui.pickPage(info, { placeholder: rolePlaceholder(listed), items: roleChoices(state, listed) });
        if (answer.kind !== 'value') return answer;
        if (answer.value.kind === 'existing') return { kind: 'value', value: { ...state, roleChoice: 'existing', roleArn: answer.value.arn, newRole: undefined } };
        const next = answer.value.kind === 'typed' ? await typeRoleArn(env, state, info, ui) : await nameNewRole(state, info, ui);
        if (next.kind !== 'back') return next;
      }
    },
  };
}

type RoleChoice = { kind: 'existing'; arn: string } | { kind: 'typed' } | { kind: 'create' };

function rolePlaceholder(listed: SchedulerRoleListing): string {
  if (listed.kind === 'unavailable') return `${listed.message}: create a role for EventBridge Scheduler, or enter a role's ARN`;
  const count = listed.roles.length;
  if (count === 0) return `No role of this account trusts ${schedulerPrincipal} yet: create one, or enter a role's ARN`;
  return plural(count, { one: 'Role EventBridge Scheduler assumes to call SageMaker ({count} role trusts {principal})', other: 'Role EventBridge Scheduler assumes to call SageMaker ({count} roles trust {principal})' }, { principal: schedulerPrincipal });
}

/** What the schedules need the role to be allowed, in a few words for the role list. */
const allowedWords = (method: ScheduleMethod | undefined) => (method === 'deleteRecreate' ? 'allowed to delete and recreate' : 'allowed to set the copy count');

function roleChoices(state: ScheduleState, listed: SchedulerRoleListing): Choice<RoleChoice>[] {
  const ic = state.loaded?.name ?? 'the component';
  const actions = schedulerActions(state.method ?? 'copyCount');
  const needs = `needs ${actions.join(' and ')} on ${ic}`;
  const roles = listed.kind === 'listed' ? listed.roles : [];
  return [
    ...roles.map((role) => ({
      label: role.name,
      description: role.allows === true ? allowedWords(state.method) : role.path === '/' ? undefined : role.path,
      detail:
        role.allows === true
          ? `Inline policy ${role.allowedBy} allows ${actions[0]} on ${ic}${role.description ? ` · ${role.description}` : ''}`
          : `${role.allows === false ? 'No inline policy allows it (check its attached policies): it ' : 'It '}${needs}${role.description ? ` · ${role.description}` : ''}`,
      value: { kind: 'existing', arn: role.arn } as RoleChoice,
      picked: state.roleChoice === 'existing' && state.roleArn === role.arn,
    })),
    {
      label: 'Create a role for EventBridge Scheduler…',
      detail: `Trusts ${schedulerPrincipal}, allowed only ${actions.map((action) => action.replace(/^sagemaker:/, '')).join(' and ')} on ${ic}; created by the plan`,
      value: { kind: 'create' },
      picked: state.roleChoice === 'create',
    },
    {
      label: 'Enter a role ARN…',
      detail: listed.kind === 'unavailable' ? `The roles could not be listed: type the ARN of a role that trusts ${schedulerPrincipal}` : 'A role not listed here (another account, or one you cannot list)',
      value: { kind: 'typed' },
      picked: state.roleChoice === 'typed',
    },
  ];
}

/** The name offered for a new scheduler role: `<component>-scheduler-role`, in IAM's characters and length. */
export function suggestedSchedulerRoleName(icName: string): string {
  return `${icName}-scheduler-role`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

/** Why a role whose trust policy leaves EventBridge Scheduler out cannot be used. */
export function untrustedRoleMessage(principals: readonly string[]): string {
  return `This role does not trust ${schedulerPrincipal} (it trusts ${principals.join(', ') || 'no service'}): EventBridge Scheduler could not assume it.`;
}

/** The new role's name ("Name" or "path/Name"), checked with IAM's rules; the plan creates it. */
async function nameNewRole(state: ScheduleState, info: StepInfo, ui: UserInput): Promise<Answer<ScheduleState>> {
  const suggested = state.newRole ? `${state.newRole.path.slice(1)}${state.newRole.name}` : suggestedSchedulerRoleName(state.loaded?.name ?? 'ic');
  const answer = await ui.inputPage(info, {
    prompt: `Name of the new role (optionally path/name, e.g. service-role/${suggested}); it trusts ${schedulerPrincipal} only`,
    value: suggested,
    validate: (text) => {
      const parsed = parseRoleNameWithPath(text);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (answer.kind !== 'value') return answer;
  const parsed = parseRoleNameWithPath(answer.value);
  if ('error' in parsed) return { kind: 'back' };
  return { kind: 'value', value: { ...state, roleChoice: 'create', roleArn: '', newRole: parsed } };
}

/** A role ARN typed in, validated, and refused when its trust policy (when readable) leaves Scheduler out. */
async function typeRoleArn(env: WizardEnvironment, state: ScheduleState, info: StepInfo, ui: UserInput): Promise<Answer<ScheduleState>> {
  const untrusted = new Map<string, string>();
  let value = state.roleChoice === 'typed' || !env.listSchedulerRoles ? state.roleArn : '';
  for (;;) {
    const answer = await ui.inputPage(info, {
      prompt: `Role EventBridge Scheduler assumes to call SageMaker (trusts ${schedulerPrincipal}; allows the target action)`,
      placeholder: 'arn:aws:iam::123456789012:role/SchedulerSageMakerRole',
      value,
      validate: (text) => validateRoleArn(text) ?? untrusted.get(text),
    });
    if (answer.kind !== 'value') return answer;
    if (validateRoleArn(answer.value) !== undefined || untrusted.has(answer.value)) continue;
    const principals = env.readRoleTrust ? await env.readRoleTrust(answer.value) : undefined;
    if (principals && !principals.includes(schedulerPrincipal)) {
      untrusted.set(answer.value, untrustedRoleMessage(principals));
      value = answer.value;
      continue;
    }
    return { kind: 'value', value: { ...state, roleChoice: 'typed', roleArn: answer.value, newRole: undefined } };
  }
}

/** The wizard's questions in order: which component and how, when, how many copies and the names, then the role. */
function steps(env: WizardEnvironment, given: boolean): WizardStep<ScheduleState>[] {
  return [...componentAndMethodSteps(env, given), ...timingSteps(env), ...copiesAndNameSteps(), roleStep(env)];
}

/** The inference component (unless given) and how the schedules act on it. */
function componentAndMethodSteps(env: WizardEnvironment, given: boolean): WizardStep<ScheduleState>[] {
  return [
    pickInferenceComponentStep<ScheduleState>({
      when: () => !given,
      reader: env.reader,
      placeholder: 'Put which inference component to sleep and wake on a schedule?',
      selected: (state) => state.icName,
      apply: async (state, name) => (name === state.icName && state.loaded ? state : { ...state, icName: name, loaded: await load(env, name), secrets: undefined }),
    }),
    pickStep<ScheduleState, ScheduleMethod>({
      id: 'method',
      // Scheduled actions need no scheduler role; a recreate may ask about the container's secrets.
      branches: (state) => !state.loaded || !!state.loaded.scaling.target || secretNames(state).length > 0,
      placeholder: 'How the schedules put it to sleep and wake it',
      items: (state) => [
        {
          label: 'Set the copy count',
          description: 'recommended',
          detail: 'EventBridge Scheduler calls UpdateInferenceComponentRuntimeConfig: 0 copies to sleep, N to wake',
          value: 'copyCount' as const,
        },
        {
          label: 'Delete and recreate the inference component',
          detail: 'EventBridge Scheduler calls DeleteInferenceComponent, then CreateInferenceComponent with its current specification',
          value: 'deleteRecreate' as const,
        },
        ...(state.loaded?.scaling.target
          ? [{
              label: 'Application Auto Scaling scheduled actions',
              detail: 'PutScheduledAction sets the scalable target\'s min/max: 0/0 to sleep, N/max to wake (no scheduler role needed)',
              value: 'scheduledAction' as const,
            }]
          : []),
      ],
      selected: (state) => state.method,
      apply: (state, method) => ({ ...state, method }),
    }),
    secretsStep(),
  ];
}

/** The secret-looking variables (HF_TOKEN…) of the container environment a recreate would copy. */
function secretNames(state: ScheduleState): string[] {
  return state.loaded ? secretEnvironmentKeys(copiedEnvironment(state.loaded.createRequest).environment) : [];
}

/**
 * Delete/recreate copies the component's container definition, environment included, into the wake
 * schedule's input (readable by anyone who may read the schedule) and into every export. When that
 * environment holds secrets, the user chooses: name the model instead, leave them out, or copy them.
 */
function secretsStep(): WizardStep<ScheduleState> {
  return pickStep<ScheduleState, SecretHandling>({
    id: 'secrets',
    when: (state) => state.method === 'deleteRecreate' && secretNames(state).length > 0,
    placeholder: (state) => {
      const names = secretNames(state);
      const one = names.length === 1;
      return `${listNames(names)} in ${state.loaded?.name}'s container environment look${one ? 's' : ''} secret: the recreate would copy ${one ? 'its value' : 'their values'} into the wake schedule's input, where anyone who can read the schedule sees ${one ? 'it' : 'them'}.`;
    },
    items: (state) => {
      const names = listNames(secretNames(state));
      const model = copiedEnvironment(state.loaded!.createRequest).modelName;
      return [
        ...(model
          ? [{
              label: `Reference the model ${model}`,
              description: 'recommended',
              detail: `The wake schedule recreates ${state.loaded?.name} from the model by name and copies no container definition: the model keeps its own environment`,
              value: 'referenceModel' as const,
            }]
          : []),
        {
          label: `Leave ${names} out`,
          detail: `The other variables are copied; the recreated component starts without ${names} (a gated model may then fail to download)`,
          value: 'omit' as const,
        },
        {
          label: `Copy ${names} into the schedule`,
          detail: 'In plain text in the schedule\'s input; exports still ask before printing the values',
          value: 'copy' as const,
        },
      ];
    },
    selected: (state) => state.secrets,
    apply: (state, secrets) => ({ ...state, secrets }),
  });
}

/** Not asked (yet) about this component's secrets: the safe choice, never a copy. */
function secretHandling(state: ScheduleState): SecretHandling {
  return state.secrets ?? (state.loaded && copiedEnvironment(state.loaded.createRequest).modelName ? 'referenceModel' : 'omit');
}

/** The plan page's words on the secrets of the container environment, as the user chose to handle them. */
function secretsNote(state: ScheduleState): string | undefined {
  const names = secretNames(state);
  if (state.method !== 'deleteRecreate' || names.length === 0 || !state.loaded) return undefined;
  const list = listNames(names);
  const one = names.length === 1;
  const model = copiedEnvironment(state.loaded.createRequest).modelName;
  switch (secretHandling(state)) {
    case 'referenceModel':
      return `The wake schedule recreates ${state.loaded.name} from model ${model}: its container environment (${list}) is not copied into the schedule.`;
    case 'omit':
      return `${list} ${one ? 'is' : 'are'} left out of the wake schedule's input: the recreated ${state.loaded.name} starts without ${one ? 'it' : 'them'}.`;
    case 'copy':
      return `Secret: the wake schedule's input holds the value${one ? '' : 's'} of ${list} in plain text; anyone who can read the schedule sees ${one ? 'it' : 'them'}. Exports ask before printing ${one ? 'it' : 'them'}.`;
  }
}

/** The time zone, and when to sleep and wake: a preset, or custom expressions previewed as fire times. */
function timingSteps(env: WizardEnvironment): WizardStep<ScheduleState>[] {
  const after = () => env.now();
  return [
    inputStep<ScheduleState>({
      id: 'timezone',
      prompt: 'Time zone of the schedules (IANA name, e.g. Europe/Paris; daylight saving time is followed)',
      value: (state) => state.timezone,
      validate: (value) =>
        value.length === 0
          ? 'Enter an IANA time zone name such as Europe/Paris or UTC.'
          : isValidTimeZone(value)
            ? undefined
            : `${value} is not an IANA time zone name (such as Europe/Paris, America/New_York or UTC): offsets like UTC+1 are not accepted.`,
      apply: (state, value) => ({ ...state, timezone: value }),
    }),
    pickStep<ScheduleState, string>({
      id: 'preset',
      section: 'Custom expressions',
      placeholder: (state) => `When to sleep and wake (times in ${state.timezone})`,
      items: (state) => [
        ...schedulePresets.map((preset) => ({
          label: preset.label,
          description: `${preset.sleep} / ${preset.wake}`,
          // The zone once, then the next sleep and wake, so all of it fits on the row; the review page lists five of each.
          detail: `${state.timezone}: sleeps ${previewFireTimes(preset.sleep, state.timezone, after(), 1, { namesZone: false })} · wakes ${previewFireTimes(preset.wake, state.timezone, after(), 1, { namesZone: false })}`,
          value: preset.id,
        })),
        { label: 'Custom expressions…', detail: 'Type cron(…), rate(…) or at(…) for the sleep and the wake schedule', value: customPreset },
      ],
      selected: (state) => state.preset,
      apply: (state, preset) => {
        const chosen = schedulePresets.find((candidate) => candidate.id === preset);
        return chosen ? { ...state, preset, sleepExpression: chosen.sleep, wakeExpression: chosen.wake } : { ...state, preset };
      },
    }),
    inputStep<ScheduleState>({
      id: 'sleepExpression',
      parent: 'preset',
      when: (state) => state.preset === customPreset,
      prompt: (state) => `Sleep schedule expression (in ${state.timezone}), e.g. cron(0 19 ? * MON-FRI *)`,
      value: (state) => state.sleepExpression,
      validate: validateScheduleExpression,
      apply: (state, value) => ({ ...state, sleepExpression: value.trim() }),
    }),
    inputStep<ScheduleState>({
      id: 'wakeExpression',
      parent: 'preset',
      when: (state) => state.preset === customPreset,
      prompt: (state) => `Wake schedule expression (in ${state.timezone}); sleeps ${previewFireTimes(state.sleepExpression, state.timezone, after(), 3)}`,
      value: (state) => state.wakeExpression,
      validate: validateScheduleExpression,
      apply: (state, value) => ({ ...state, wakeExpression: value.trim() }),
    }),
  ];
}

/** The copies at wake-up and the names of the two schedules (or scheduled actions). */
function copiesAndNameSteps(): WizardStep<ScheduleState>[] {
  const nameValidator = (state: ScheduleState) => (usesScheduler(state) ? validateScheduleName : validateScheduledActionName);
  return [
    inputStep<ScheduleState>({
      id: 'wakeCopies',
      prompt: (state) => {
        const target = state.loaded?.scaling.target;
        const limit = target ? `; the scalable target allows ${target.minCapacity}–${target.maxCapacity}` : '';
        return state.method === 'scheduledAction'
          ? `Copies to keep at least while awake (the wake action's MinCapacity${limit})`
          : `Copies at wake-up (at least 1${limit})`;
      },
      value: (state) => String(state.wakeCopies ?? 1),
      validate: (value) => validateInteger(value, 'The wake copy count', 1, 1000),
      apply: (state, value) => ({ ...state, wakeCopies: Number(value) }),
    }),
    inputStep<ScheduleState>({
      id: 'sleepName',
      prompt: (state) => `Name of the sleep ${usesScheduler(state) ? 'schedule' : 'scheduled action'}`,
      value: (state) => state.sleepName ?? `${state.loaded?.name ?? 'ic'}-sleep`.slice(0, 64),
      validate: (value, state) => nameValidator(state)(value),
      apply: (state, value) => ({ ...state, sleepName: value }),
    }),
    inputStep<ScheduleState>({
      id: 'wakeName',
      prompt: (state) => `Name of the wake ${usesScheduler(state) ? 'schedule' : 'scheduled action'}`,
      value: (state) => state.wakeName ?? `${state.loaded?.name ?? 'ic'}-wake`.slice(0, 64),
      validate: (value, state) => nameValidator(state)(value) ?? (value === state.sleepName ? 'The wake and sleep names must differ.' : undefined),
      apply: (state, value) => ({ ...state, wakeName: value }),
    }),
  ];
}

function buildSchedulePlan(state: ScheduleState, env: WizardEnvironment): Plan {
  const loaded = state.loaded!;
  const method = state.method!;
  const newRole = usesScheduler(state) && state.roleChoice === 'create' ? state.newRole : undefined;
  const roleSteps = newRole
    ? schedulerRoleSteps({ ...newRole, method, inferenceComponentName: loaded.name, componentArn: loaded.componentArn ?? '', endpointArn: loaded.endpointArn })
    : [];
  const steps = scheduleSteps({
    method,
    inferenceComponentName: loaded.name,
    timezone: state.timezone,
    sleep: { name: state.sleepName!, expression: state.sleepExpression },
    wake: { name: state.wakeName!, expression: state.wakeExpression },
    wakeCopies: state.wakeCopies ?? 1,
    roleArn: usesScheduler(state) ? (newRole ? { $ref: schedulerRoleArnOutput } : state.roleArn) : undefined,
    createRequest: recreateRequest(loaded.createRequest, secretHandling(state), secretNames(state)),
    targetMaxCapacity: loaded.scaling.target?.maxCapacity,
  });
  const billing = sleepBillingWarning(state, env.now(), env.priceOverrides);
  const secrets = secretsNote(state);
  const notes = [...(billing ? [billing] : []), ...scheduleWarnings(state), ...(secrets ? [secrets] : [])];
  if (newRole) {
    notes.push(
      `The new role ${newRole.name} trusts ${schedulerPrincipal} only and may call ${schedulerActions(method).join(' and ')} on ${loaded.name} only. IAM takes a few seconds to make a new role usable: if EventBridge Scheduler cannot assume it yet, the schedule calls are tried again for about 30 s. A rollback deletes its policy, then the role.`,
    );
  }
  if (method === 'deleteRecreate') {
    notes.push('Deleting the inference component stops all billing for it; recreating it downloads the model again (several minutes). Auto scaling registered on its name applies again once it exists.');
  }
  if (method === 'scheduledAction') {
    notes.push('While asleep (max 0) the wake alarm cannot add a copy: requests are refused until the wake action.');
  }
  return { title: `Sleep and wake ${loaded.name} on a schedule`, steps: [...roleSteps, ...steps], notes };
}

/** A preset's schedules for one component, asked nothing: what an agent tool proposes. */
export interface PresetScheduleRequest {
  icName: string;
  /** One of `schedulePresets` (e.g. 'weekendsOff'). */
  presetId: string;
  timeZone: string;
  wakeCopies: number;
  sleepName: string;
  wakeName: string;
  /** The role Scheduler assumes, as given; absent: a listed role allowed the call, else a new role the plan creates. */
  roleArn?: string;
}

/** The role a preset's schedules use: given, found among the account's roles, or created by the plan. */
export type PresetScheduleRole = { kind: 'given'; arn: string } | { kind: 'listed'; arn: string; name: string; allowedBy?: string } | { kind: 'create'; name: string };

export type PresetScheduleProposal =
  | { kind: 'refused'; message: string }
  | {
      kind: 'plan';
      plan: Plan;
      sleepExpression: string;
      wakeExpression: string;
      role: PresetScheduleRole;
      /** The endpoint hosting the component (undefined: not readable). */
      endpoint?: EndpointSnapshot;
      /** The plan's warning when the sleep would keep the instances billing; undefined when it stops the bill. */
      billingWarning?: string;
      /** Hours a week the schedules say "asleep" (undefined: not computable). */
      asleepHoursPerWeek?: number;
    };

/**
 * The wizard's plan for a preset, with the copy-count method and every answer given (no question):
 * the role is `roleArn` when given (refused when its trust policy, if readable, leaves Scheduler out),
 * else the first listed role whose inline policy allows the call on the component, else a new one
 * named as the wizard suggests. Refused: an adapter, or a schedule of either name already on the component.
 */
export async function presetSchedulePlan(env: WizardEnvironment, request: PresetScheduleRequest): Promise<PresetScheduleProposal> {
  const preset = schedulePresets.find((candidate) => candidate.id === request.presetId);
  if (!preset) throw new Error(`No schedule preset ${request.presetId}.`);
  const loaded = await load(env, request.icName);
  const base = (loaded.createRequest.Specification as { BaseInferenceComponentName?: string } | undefined)?.BaseInferenceComponentName;
  if (base) {
    return { kind: 'refused', message: `${request.icName} is an adapter of ${base}: it has no copies of its own. Put ${base} to sleep and wake it on a schedule instead (its adapters sleep and wake with it).` };
  }
  const taken = loaded.scaling.schedules.filter((schedule) => schedule.name === request.sleepName || schedule.name === request.wakeName);
  if (taken.length > 0) {
    return { kind: 'refused', message: `${request.icName} already has ${plural(taken.length, { one: 'a schedule named {names}', other: 'schedules named {names}' }, { names: taken.map((schedule) => schedule.name).join(' and ') })}: nothing was created. Change or delete ${taken.length === 1 ? 'it' : 'them'} in the Endpoints view (Edit Schedule…), or use the Schedule Sleep and Wake wizard with other names.` };
  }
  const state: ScheduleState = {
    icName: request.icName,
    loaded,
    method: 'copyCount',
    timezone: request.timeZone,
    preset: preset.id,
    sleepExpression: preset.sleep,
    wakeExpression: preset.wake,
    wakeCopies: request.wakeCopies,
    sleepName: request.sleepName,
    wakeName: request.wakeName,
    roleArn: '',
  };
  let role: PresetScheduleRole;
  if (request.roleArn !== undefined) {
    const principals = env.readRoleTrust ? await env.readRoleTrust(request.roleArn) : undefined;
    if (principals && !principals.includes(schedulerPrincipal)) return { kind: 'refused', message: `${request.roleArn}: ${untrustedRoleMessage(principals)}` };
    role = { kind: 'given', arn: request.roleArn };
    Object.assign(state, { roleChoice: 'typed', roleArn: request.roleArn });
  } else {
    const listed = env.listSchedulerRoles
      ? await env.listSchedulerRoles({ action: schedulerActions('copyCount')[0], resource: loaded.componentArn ?? '' })
      : undefined;
    const allowed = listed?.kind === 'listed' ? listed.roles.find((candidate) => candidate.allows === true) : undefined;
    if (allowed) {
      role = { kind: 'listed', arn: allowed.arn, name: allowed.name, ...(allowed.allowedBy ? { allowedBy: allowed.allowedBy } : {}) };
      Object.assign(state, { roleChoice: 'existing', roleArn: allowed.arn });
    } else {
      const name = suggestedSchedulerRoleName(request.icName);
      const clash = listed?.kind === 'listed' ? listed.roles.find((candidate) => candidate.name === name) : undefined;
      if (clash) {
        return { kind: 'refused', message: `Role ${name} exists but no inline policy of it allows ${schedulerActions('copyCount')[0]} on ${request.icName}: give its ARN as the role (if an attached policy allows it), or allow the call in its policy.` };
      }
      role = { kind: 'create', name };
      Object.assign(state, { roleChoice: 'create', newRole: { name, path: '/' } });
    }
  }
  const now = env.now();
  const billingWarning = sleepBillingWarning(state, now, env.priceOverrides);
  const hours = asleepHoursPerWeek([{ expression: preset.sleep, timezone: request.timeZone }], [{ expression: preset.wake, timezone: request.timeZone }], now);
  return {
    kind: 'plan',
    plan: buildSchedulePlan(state, env),
    sleepExpression: preset.sleep,
    wakeExpression: preset.wake,
    role,
    ...(loaded.endpoint ? { endpoint: loaded.endpoint } : {}),
    ...(billingWarning ? { billingWarning } : {}),
    ...(hours !== undefined ? { asleepHoursPerWeek: hours } : {}),
  };
}

/**
 * Wizard 3: a sleep and a wake schedule for an inference component, by copy count, delete/recreate or
 * Application Auto Scaling scheduled actions, with a preview of the next five fire times of each.
 */
export async function scheduleWizard(env: WizardEnvironment, inferenceComponentName?: string): Promise<WizardResult> {
  const initial: ScheduleState = {
    timezone: env.defaultTimeZone,
    sleepExpression: schedulePresets[0].sleep,
    wakeExpression: schedulePresets[0].wake,
    roleArn: '',
  };
  if (inferenceComponentName) {
    initial.icName = inferenceComponentName;
    initial.loaded = await load(env, inferenceComponentName);
  }
  return runWizard(
    {
      title: scheduleTitle,
      steps: steps(env, !!inferenceComponentName),
      buildPlan: (state) => buildSchedulePlan(state, env),
      reviewNotes: (state) => [
        `Sleep ${state.sleepExpression} in ${state.timezone}, next: ${previewFireTimes(state.sleepExpression, state.timezone, env.now())}`,
        `Wake ${state.wakeExpression} in ${state.timezone}, next: ${previewFireTimes(state.wakeExpression, state.timezone, env.now())}`,
      ],
    },
    env.ui,
    initial,
  );
}
