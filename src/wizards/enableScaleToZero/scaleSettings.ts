import { inputStep, pickStep } from '../framework/stepBuilders';
import { type WizardStep } from '../framework/wizardRunner';
import { validateDecimal, validateInteger } from '../validation/numbers';
import { idleTailCost, parseIdleMinutes, validateIdleMinutes } from './idleTimeoutPlan';

export type ScaleInMetric = 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution' | 'SageMakerInferenceComponentInvocationsPerCopy';

/** The answers of wizard 2's settings pages (also the optional last part of wizard 1). */
export interface ScaleSettings {
  maxCapacity: number;
  metric: ScaleInMetric;
  targetValue: number;
  scaleInCooldown: number;
  scaleOutCooldown: number;
  /**
   * Sleep after this many idle minutes (an idle alarm and a set-to-zero step policy, with target
   * tracking's scale-in disabled). Absent: target tracking scales in to 0 after its own ≈15 minutes.
   */
  idleMinutes?: number;
}

export const defaultScaleSettings: ScaleSettings = {
  maxCapacity: 2,
  metric: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
  targetValue: 5,
  scaleInCooldown: 300,
  scaleOutCooldown: 300,
};

export const maxCopyLimit = 1000;
const maxCooldown = 86_400;

export interface ScaleSettingsStepOptions<S> {
  /** The page whose section these pages form (see `WizardStep.parent`); none: pages of the main walk. */
  parent?: string;
  /** Ask for the scalable target's MaxCapacity. */
  askTarget: (state: S) => boolean;
  /** Ask for the target-tracking policy's settings. */
  askTargetTracking: (state: S) => boolean;
  /** A further check of MaxCapacity (e.g. the copies that fit on the endpoint's maximum instances). */
  checkMaxCapacity?: (value: number, state: S) => string | undefined;
  /** The hourly price of the instance the copies run on, for the idle timeout's cost per sleep. */
  hourlyUsd?: (state: S) => number | undefined;
}

/** Wizard 2's settings pages, for any state that carries `scaling`. */
export function scaleSettingsSteps<S extends { scaling: ScaleSettings }>(options: ScaleSettingsStepOptions<S>): WizardStep<S>[] {
  const set = (state: S, patch: Partial<ScaleSettings>): S => ({ ...state, scaling: { ...state.scaling, ...patch } });
  return [
    inputStep<S>({
      parent: options.parent,
      id: 'scaling.maxCapacity',
      when: options.askTarget,
      prompt: 'Maximum copies of the inference component (the scalable target\'s MaxCapacity; MinCapacity is 0 so it can scale to zero)',
      value: (state) => String(state.scaling.maxCapacity),
      validate: (value, state) =>
        validateInteger(value, 'The maximum copy count', 1, maxCopyLimit) ?? options.checkMaxCapacity?.(Number(value), state),
      apply: (state, value) => set(state, { maxCapacity: Number(value) }),
    }),
    pickStep<S, ScaleInMetric>({
      parent: options.parent,
      id: 'scaling.metric',
      when: options.askTargetTracking,
      placeholder: 'Metric the target-tracking policy keeps at its target (it scales copies in to 0 when idle)',
      items: () => [
        {
          label: 'Concurrent requests per copy (high resolution)',
          description: 'recommended',
          detail: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution: 10-second datapoints, reacts fastest',
          value: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
        },
        {
          label: 'Invocations per copy',
          detail: 'SageMakerInferenceComponentInvocationsPerCopy: requests per minute per copy',
          value: 'SageMakerInferenceComponentInvocationsPerCopy',
        },
      ],
      selected: (state) => state.scaling.metric,
      apply: (state, metric) => set(state, { metric }),
    }),
    inputStep<S>({
      parent: options.parent,
      id: 'scaling.targetValue',
      when: options.askTargetTracking,
      prompt: 'Target value of the metric per copy (e.g. 5 concurrent requests)',
      value: (state) => String(state.scaling.targetValue),
      validate: (value) => validateDecimal(value, 'The target value', 0, 1_000_000, { exclusiveMin: true }),
      apply: (state, value) => set(state, { targetValue: Number(value) }),
    }),
    inputStep<S>({
      parent: options.parent,
      id: 'scaling.scaleInCooldown',
      when: options.askTargetTracking,
      prompt: 'Scale-in cooldown in seconds (wait after removing a copy before removing another)',
      value: (state) => String(state.scaling.scaleInCooldown),
      validate: (value) => validateInteger(value, 'The scale-in cooldown', 0, maxCooldown),
      apply: (state, value) => set(state, { scaleInCooldown: Number(value) }),
    }),
    inputStep<S>({
      parent: options.parent,
      id: 'scaling.scaleOutCooldown',
      when: options.askTargetTracking,
      prompt: 'Scale-out cooldown in seconds (wait after adding a copy before adding another)',
      value: (state) => String(state.scaling.scaleOutCooldown),
      validate: (value) => validateInteger(value, 'The scale-out cooldown', 0, maxCooldown),
      apply: (state, value) => set(state, { scaleOutCooldown: Number(value) }),
    }),
    idleMinutesStep<S>({ parent: options.parent, when: options.askTargetTracking, hourlyUsd: options.hourlyUsd }),
  ];
}

/** The idle-timeout page ("Sleep after how many idle minutes?"), shared by the wizards and Set Idle Timeout. */
export function idleMinutesStep<S extends { scaling: ScaleSettings }>(options: {
  parent?: string;
  when?: (state: S) => boolean;
  hourlyUsd?: (state: S) => number | undefined;
  /** A further check of the answer (e.g. "already off"). */
  check?: (value: string, state: S) => string | undefined;
}): WizardStep<S> {
  return inputStep<S>({
    parent: options.parent,
    id: 'scaling.idleMinutes',
    when: options.when,
    prompt: (state) => idleMinutesPrompt(state.scaling.idleMinutes ?? 5, options.hourlyUsd?.(state)),
    placeholder: idleOffPlaceholder,
    value: (state) => (state.scaling.idleMinutes === undefined ? '' : String(state.scaling.idleMinutes)),
    validate: (value, state) => validateIdleMinutes(value) ?? options.check?.(value, state),
    apply: (state, value) => ({ ...state, scaling: { ...state.scaling, idleMinutes: parseIdleMinutes(value) } }),
  });
}

/** What an empty answer means. */
export const idleOffPlaceholder = 'Empty: off, let target tracking scale in on its own (about 15 idle minutes)';

/** The idle-timeout question, with what one sleep costs at `minutes` (the current answer, or 5 as an example). */
export function idleMinutesPrompt(minutes: number, hourlyUsd: number | undefined): string {
  return `Sleep after how many idle minutes? (1–1440; empty keeps AWS's target tracking, about 15 minutes). At ${minutes} min, ${idleTailCost(minutes, hourlyUsd).description}`;
}
