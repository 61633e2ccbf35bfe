import { type SageMakerStore } from '../sagemaker/store';
import { type SageMakerLifecycle } from '../sagemaker/lifecycle';
import { applyDemoScenario, applyDemoScaling } from './demoScenario';
import { type ScenarioServices } from './scenarioServices';
import { applyDemoRoles } from './demoRoles';
import { applyDemoRegion, applyDemoRegionScaling } from './demoRegions';

export const scenarioNames = ['empty', 'demo'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/** Which part of a scenario a partition gets: `home` (the account's home region: the original demo), or another region's code. */
export type ScenarioPart = 'home' | (string & {});

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (scenarioNames as readonly string[]).includes(value);
}

/** Replaces all SageMaker state (and IAM's roles) with the scenario's resources, as they are at `now`. */
export function applyScenario(name: ScenarioName, store: SageMakerStore, lifecycle: SageMakerLifecycle, now: number, services?: ScenarioServices, part: ScenarioPart = 'home'): void {
  store.state = { models: [], endpointConfigs: [], endpoints: [], inferenceComponents: [], nextId: 1 };
  if (name === 'demo' && part === 'home') applyDemoScenario(store, lifecycle, now);
  if (name === 'demo' && part !== 'home') applyDemoRegion(part, store, lifecycle, now);
  lifecycle.refresh(now);
  // IAM is global: the account's home part owns its roles.
  if (services && part === 'home') services.iam.state = { roles: [] };
  if (name === 'demo' && services && part === 'home') {
    applyDemoScaling(services, now);
    applyDemoRoles(services, now);
  }
  if (name === 'demo' && services && part !== 'home') applyDemoRegionScaling(part, services, services.metricStore, now);
}
