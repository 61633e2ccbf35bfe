import { type AccountReader } from '../../src/aws/accountReader';
import { type WizardEnvironment } from '../../src/wizards/environment';
import { ScriptedUserInput, type ScriptEntry } from './scriptedUserInput';

/** The execution role of the one model in oneModelWizardEnvironment's account. */
export const oneModelRole = 'arn:aws:iam::123456789012:role/SageMakerRole';

/**
 * A wizard environment for pure tests of the create wizard's pages: an account with one model
 * (`llama`, image `lmi`, role oneModelRole) and no endpoints or components, in us-east-1 on
 * 2026-01-01 UTC, answered by `script`.
 */
export function oneModelWizardEnvironment(script: ScriptEntry[]): { env: WizardEnvironment; ui: ScriptedUserInput } {
  const ui = new ScriptedUserInput(script);
  const reader = { listEndpoints: async () => [], listInferenceComponents: async () => [] } as unknown as AccountReader;
  return {
    ui,
    env: {
      ui,
      reader,
      region: 'us-east-1',
      now: () => new Date('2026-01-01T00:00:00Z'),
      defaultTimeZone: 'UTC',
      models: {
        listModels: async () => [{ name: 'llama', image: 'lmi', executionRoleArn: oneModelRole }],
        listEndpointConfigNames: async () => [],
        listExecutionRoleArns: async () => [oneModelRole],
      },
    },
  };
}
