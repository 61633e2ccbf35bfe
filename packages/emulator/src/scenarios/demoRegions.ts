import { type SageMakerLifecycle } from '../sagemaker/lifecycle';
import { type SageMakerStore } from '../sagemaker/store';
import { sageMakerNamespace } from '../cloudwatch/sageMakerMetrics';
import { type MetricStore } from '../cloudwatch/metricStore';
import { addDemoEndpoints, type DemoEndpoint, scalingSetup } from './demoScenario';
import { type ScenarioServices } from './scenarioServices';

const dayMs = 86_400_000;
const hourMs = 3_600_000;

/**
 * The demo's other regions (issue 20: what an all-regions scan finds), besides the original demo in
 * the home region: an always-on endpoint forgotten in eu-west-1 for 12 days with no request, a busy
 * always-on one and a sleeping scale-to-zero one in us-west-2, and ap-northeast-1 enabled but empty.
 */
export const demoRegions: Readonly<Record<string, readonly DemoEndpoint[]>> = {
  'eu-west-1': [
    {
      endpoint: 'forgotten-llm', instanceType: 'ml.g5.2xlarge', scaling: { min: 1, max: 1 }, instances: 1,
      component: 'forgotten-llm-ic', model: 'forgotten-llm-model', image: '763104351884.dkr.ecr.eu-west-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124',
      copies: 1, requirements: { cpus: 2, memoryMiB: 24576, accelerators: 1 }, createdAgoMs: 12 * dayMs,
    },
  ],
  'us-west-2': [
    {
      endpoint: 'support-bot', instanceType: 'ml.g5.xlarge', scaling: { min: 1, max: 2 }, instances: 1,
      component: 'support-bot-ic', model: 'support-bot-model', image: '763104351884.dkr.ecr.us-west-2.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04',
      copies: 1, requirements: { cpus: 2, memoryMiB: 8192, accelerators: 1 }, createdAgoMs: 30 * dayMs,
    },
    {
      endpoint: 'nightly-embeddings', instanceType: 'ml.g5.xlarge', scaling: { min: 0, max: 1 }, instances: 0,
      component: 'nightly-embeddings-ic', model: 'nightly-embeddings-model', image: '763104351884.dkr.ecr.us-west-2.amazonaws.com/huggingface-pytorch-tei:2.0.1-tei1.4.0-gpu-py310-cu122-ubuntu22.04',
      copies: 0, requirements: { cpus: 1, memoryMiB: 4096, accelerators: 1 }, createdAgoMs: 20 * dayMs,
    },
  ],
  'ap-northeast-1': [],
};

/** How many days of support-bot's hourly requests the demo's metrics hold. */
export const supportBotHistoryDays = 14;

/** Requests support-bot served in the hour starting at `hour` hours before the start (between 3 and 9: busy, never idle). */
export function supportBotRequestsInHour(hour: number): number {
  return 3 + ((hour * 5) % 7);
}

/** The demo's part in `region` (its SageMaker records): nothing for a region the demo does not use. */
export function applyDemoRegion(region: string, store: SageMakerStore, lifecycle: SageMakerLifecycle, now: number): void {
  const endpoints = demoRegions[region];
  if (endpoints) addDemoEndpoints(store, lifecycle, endpoints, now);
}

/**
 * The demo's auto scaling and metric history in `region`: support-bot has a scalable target with
 * MinCapacity 1 (always on) and a request history every hour of the last 14 days; nightly-embeddings
 * the full scale-to-zero setup (scalable target to 0, target tracking, the wake's step policy and
 * alarm); forgotten-llm nothing at all (no scalable target, no request).
 */
export function applyDemoRegionScaling(region: string, services: ScenarioServices, metrics: MetricStore, now: number): void {
  if (region !== 'us-west-2') return;
  const setup = scalingSetup(services, now);
  setup('support-bot-ic', 1, 2);
  setup('nightly-embeddings-ic', 0, 1, 'blog');
  recordHourlyRequests(metrics, 'support-bot', 'support-bot-ic', now);
}

/**
 * support-bot's requests, as SageMaker published them: `Invocations` (Sum: the requests of each
 * minute) for the component and for the endpoint's variant, one datapoint an hour, at ten minutes past.
 */
function recordHourlyRequests(metrics: MetricStore, endpointName: string, ic: string, now: number): void {
  const componentId = { namespace: sageMakerNamespace, metricName: 'Invocations', dimensions: [{ name: 'InferenceComponentName', value: ic }] };
  const variantId = {
    namespace: sageMakerNamespace,
    metricName: 'Invocations',
    dimensions: [
      { name: 'EndpointName', value: endpointName },
      { name: 'VariantName', value: 'AllTraffic' },
    ],
  };
  const lastHour = Math.floor(now / hourMs) * hourMs;
  for (let hour = supportBotHistoryDays * 24; hour >= 1; hour--) {
    const at = lastHour - hour * hourMs + 10 * 60_000;
    if (at >= now) continue;
    const requests = supportBotRequestsInHour(hour);
    metrics.put(componentId, at, requests, 'Count');
    metrics.put(variantId, at, requests, 'Count');
  }
}
