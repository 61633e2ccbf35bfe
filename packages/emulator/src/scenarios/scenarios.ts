import { type SageMakerStore } from '../sagemaker/store';
import { type SageMakerLifecycle } from '../sagemaker/lifecycle';
import { applyDemoScenario, applyDemoScaling } from './demoScenario';
import { type ScenarioServices } from './scenarioServices';
import { applyDemoRoles } from './demoRoles';

export const scenarioNames = ['empty', 'demo'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (scenarioNames as readonly string[]).includes(value);
}

/** Replaces all SageMaker state (and IAM's roles) with the scenario's resources, as they are at `now`. */
export function applyScenario(name: ScenarioName, store: SageMakerStore, lifecycle: SageMakerLifecycle, now: number, services?: ScenarioServices): void {
  store.state = { models: [], endpointConfigs: [], endpoints: [], inferenceComponents: [], nextId: 1 };
  if (name === 'demo') applyDemoScenario(store, lifecycle, now);
  lifecycle.refresh(now);
  if (services) services.iam.state = { roles: [] };
  if (name === 'demo' && services) {
    applyDemoScaling(services, now);
    applyDemoRoles(services, now);
  }
}
