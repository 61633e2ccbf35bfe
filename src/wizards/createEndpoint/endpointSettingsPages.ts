import { type Answer, type StepInfo, type UserInput } from '../../prompts/userInput';
import { inputStep, pickStep } from '../framework/stepBuilders';
import { type WizardStep } from '../framework/wizardRunner';
import {
  amiVersionsFor,
  capacityReservationPreference,
  defaultMetricPublishFrequency,
  type EndpointSetting,
  endpointSettingWhy,
  type EndpointSettings,
  inferenceAmiStacks,
  type InferenceAmiVersion,
  metricPublishFrequencies,
  type MetricPublishFrequency,
  offeredEndpointSettings,
  validateMlReservationArn,
} from './endpointSettings';

/** The wizard state's part these pages read and write. */
export interface EndpointSettingsState {
  /** The settings picked on the "which to change" page (none: AWS's defaults for all). */
  endpointSettingsPicked: EndpointSetting[];
  endpointSettings: EndpointSettings;
}

export interface EndpointSettingsPagesOptions<S extends EndpointSettingsState> {
  /** Whether the pages are on the user's walk (the advanced section is open). */
  when: (state: S) => boolean;
  /** The chosen instance type has accelerators (the AMI is offered only then). */
  accelerated: (state: S) => boolean;
  /** The chosen instance type is Inferentia or Trainium (Neuron AMIs only). */
  neuron: (state: S) => boolean;
  instanceType: (state: S) => string | undefined;
}

const frequencyWhy: Record<MetricPublishFrequency, string> = {
  10: 'A 10-second wake alarm sees a refused request within about 20 s.',
  30: 'A 30-second wake alarm sees a refused request within about 60 s.',
  60: 'AWS\'s default rate, with container-level detail from enhanced metrics.',
  120: 'With the 30-second wake alarm, a refused request waits up to 150 s.',
  180: 'With the 30-second wake alarm, a refused request waits up to 210 s.',
  240: 'With the 30-second wake alarm, a refused request waits up to 270 s.',
  300: 'With the 30-second wake alarm, a refused request waits up to 330 s.',
};

/**
 * One page "which of these to change from AWS's defaults" (nothing picked keeps them all, so a user who
 * does not care answers one page), then one question per picked setting, each validated with the
 * model's rules and each choice with a line of why.
 */
export function endpointSettingsPages<S extends EndpointSettingsState>(options: EndpointSettingsPagesOptions<S>): WizardStep<S>[] {
  const picked = (setting: EndpointSetting) => (state: S) => options.when(state) && offered(state).includes(setting) && state.endpointSettingsPicked.includes(setting);
  const offered = (state: S) => offeredEndpointSettings(options.accelerated(state));
  const settings = (state: S, change: EndpointSettings): S => ({ ...state, endpointSettings: { ...state.endpointSettings, ...change } });
  return [
    {
      id: 'endpointSettings',
      parent: 'advanced',
      section: 'Endpoint settings',
      when: options.when,
      async ask(state: S, info: StepInfo, ui: UserInput): Promise<Answer<S>> {
        const answer = await ui.pickManyPage(info, {
          placeholder: 'Endpoint settings to change from AWS\'s defaults (none: keep all)',
          items: offered(state).map((setting) => ({
            label: endpointSettingWhy[setting].label,
            description: endpointSettingWhy[setting].member,
            detail: endpointSettingWhy[setting].why,
            value: setting,
            picked: state.endpointSettingsPicked.includes(setting),
          })),
        });
        if (answer.kind !== 'value') return answer;
        return { kind: 'value', value: { ...state, endpointSettingsPicked: answer.value } };
      },
    },
    pickStep<S, InferenceAmiVersion>({
      id: 'inferenceAmiVersion',
      parent: 'endpointSettings',
      when: picked('inferenceAmiVersion'),
      placeholder: (state) => `InferenceAmiVersion for ${options.instanceType(state) ?? 'the instance'}: pick the driver your container's CUDA needs`,
      items: (state) =>
        amiVersionsFor(options.neuron(state)).map((version) => ({
          label: version,
          description: inferenceAmiStacks[version].short,
          detail: inferenceAmiStacks[version].why,
          value: version,
        })),
      selected: (state) => state.endpointSettings.inferenceAmiVersion,
      apply: (state, version) => settings(state, { inferenceAmiVersion: version }),
    }),
    inputStep<S>({
      id: 'mlReservationArn',
      parent: 'endpointSettings',
      when: picked('capacityReservation'),
      prompt: (state) =>
        `ML reservation ARN (a training plan for endpoints, of ${options.instanceType(state) ?? 'the same instance type'}); CapacityReservationPreference ${capacityReservationPreference}: wakes use reserved instances only, and fail once the reservation ends`,
      placeholder: 'arn:aws:sagemaker:us-east-1:123456789012:training-plan/my-plan',
      value: (state) => state.endpointSettings.mlReservationArn ?? '',
      validate: (value) => validateMlReservationArn(value),
      apply: (state, value) => settings(state, { mlReservationArn: value.trim() }),
    }),
    pickStep<S, MetricPublishFrequency>({
      id: 'metricPublishFrequency',
      parent: 'endpointSettings',
      when: picked('metrics'),
      placeholder: 'MetricPublishFrequencyInSeconds, with EnableEnhancedMetrics so invocation metrics (the wake alarm\'s) follow it',
      items: () =>
        metricPublishFrequencies.map((frequency) => ({
          label: `Every ${frequency} s`,
          description: frequency === 10 ? 'fastest wake' : frequency === defaultMetricPublishFrequency ? 'AWS\'s default' : undefined,
          detail: frequencyWhy[frequency],
          value: frequency,
        })),
      selected: (state) => state.endpointSettings.metricPublishFrequencyInSeconds ?? 10,
      apply: (state, frequency) => settings(state, { metricPublishFrequencyInSeconds: frequency }),
    }),
  ];
}

/** The settings to send: only those picked (an answer given before the user unpicked a setting does not count). */
export function pickedEndpointSettings(state: EndpointSettingsState, accelerated: boolean): EndpointSettings | undefined {
  const offered = offeredEndpointSettings(accelerated).filter((setting) => state.endpointSettingsPicked.includes(setting));
  const result: EndpointSettings = {
    ...(offered.includes('inferenceAmiVersion') && state.endpointSettings.inferenceAmiVersion ? { inferenceAmiVersion: state.endpointSettings.inferenceAmiVersion } : {}),
    ...(offered.includes('capacityReservation') && state.endpointSettings.mlReservationArn ? { mlReservationArn: state.endpointSettings.mlReservationArn } : {}),
    ...(offered.includes('metrics') && state.endpointSettings.metricPublishFrequencyInSeconds !== undefined
      ? { metricPublishFrequencyInSeconds: state.endpointSettings.metricPublishFrequencyInSeconds }
      : {}),
  };
  return Object.keys(result).length > 0 ? result : undefined;
}
