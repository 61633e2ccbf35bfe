import { randomUUID } from 'node:crypto';
import { type ServerResponse } from 'node:http';
import { type Simulation } from '../clock/simulation';
import { encodeEvent } from '../protocols/eventStream';
import { type SageMakerStore } from '../sagemaker/store';
import { adapterServingCopies, isAdapter } from '../sagemaker/adapters';
import { type CopyRecord, type EndpointRecord } from '../sagemaker/records';
import { type RequestContext, type RestJsonService, type RestRequest } from '../services/service';
import { type EmulatorTimings } from '../timings';
import { generateTokens, InvalidPayloadError, parsePrompt, type ParsedPrompt } from './demoModel';
import { type InvocationMetricsSink, type InvocationTarget } from './invocationMetrics';
import { completeResponse, streamChunk, streamEnd } from './responseFormats';
import {
  componentNotFound,
  endpointNotFound,
  icHeaderRequiredMessage,
  modelError,
  noCapacityMessage,
  validationError,
} from './runtimeErrors';

export interface RuntimeDeps {
  readonly store: SageMakerStore;
  readonly simulation: Simulation;
  readonly timings: EmulatorTimings;
  readonly metrics: InvocationMetricsSink;
}

/** One invocation being answered: what the two answer writers read. */
interface Invocation {
  deps: RuntimeDeps;
  request: RestRequest;
  context: RequestContext;
  resolved: ResolvedTarget;
  prompt: ParsedPrompt;
  tokens: string[];
}

interface ResolvedTarget {
  endpoint: EndpointRecord;
  variantName: string;
  target: InvocationTarget;
  copy?: CopyRecord;
  logGroup: string;
  /** The adapter that serves the request on its base's copy. */
  adapterName?: string;
}

/** SageMaker runtime (restJson1): InvokeEndpoint and InvokeEndpointWithResponseStream. */
export function createRuntimeService(deps: RuntimeDeps): RestJsonService {
  return {
    protocol: 'restJson',
    name: 'sagemaker-runtime',
    signingName: 'sagemaker',
    pathPrefixes: ['/endpoints/'],
    routes: [
      {
        method: 'POST',
        pattern: /^\/endpoints\/(?<endpointName>[^/]+)\/invocations$/,
        operation: 'InvokeEndpoint',
        handle: (request, context) => serve(deps, request, context, writeComplete),
      },
      {
        method: 'POST',
        pattern: /^\/endpoints\/(?<endpointName>[^/]+)\/invocations-response-stream$/,
        operation: 'InvokeEndpointWithResponseStream',
        handle: (request, context) => serve(deps, request, context, writeStream),
      },
    ],
  };
}

/** The endpoint (and inference component, and its least busy copy) a request goes to, or the error AWS answers. */
function resolveTarget({ store, simulation, metrics }: RuntimeDeps, request: RestRequest, context: RequestContext): ResolvedTarget {
  const endpointName = request.params.endpointName;
  const endpoint = store.endpoint(endpointName);
  if (!endpoint || endpoint.status === 'Creating' || endpoint.status === 'Deleting' || endpoint.status === 'Failed') {
    throw endpointNotFound(endpointName, context.accountId);
  }
  const header = request.headers['x-amzn-sagemaker-inference-component'];
  const componentName = Array.isArray(header) ? header[0] : header;
  const modelVariant = endpoint.variants.find((variant) => variant.spec.modelName);
  if (modelVariant) {
    if (componentName) {
      throw validationError('Inference Components are not supported in this Endpoint. Please make sure this endpoint can deploy inference components.');
    }
    return {
      endpoint,
      variantName: modelVariant.spec.variantName,
      target: { endpointName: endpoint.name },
      logGroup: `/aws/sagemaker/Endpoints/${endpoint.name}`,
    };
  }
  if (!componentName) throw validationError(icHeaderRequiredMessage);
  const ic = store.inferenceComponent(componentName);
  if (!ic || ic.endpointId !== endpoint.id || ic.status === 'Deleting') {
    throw componentNotFound(componentName, endpoint.name, context.accountId);
  }
  // An adapter runs on its base's copies; its refused requests count under its own name (docs/emulator.md).
  const running = isAdapter(ic) ? adapterServingCopies(store, ic) : ic.copies.filter((copy) => copy.state === 'running');
  const target: InvocationTarget = { endpointName: endpoint.name, inferenceComponentName: ic.name };
  if (running.length === 0) {
    metrics.noCapacity(target, simulation.now());
    throw validationError(noCapacityMessage);
  }
  // Least outstanding requests: the copy with the fewest requests in flight.
  const copy = running.reduce((best, candidate) => (candidate.inFlight < best.inFlight ? candidate : best));
  return {
    endpoint,
    variantName: ic.variantName,
    target: { ...target, copyId: copy.id },
    copy,
    logGroup: `/aws/sagemaker/InferenceComponents/${ic.name}`,
    ...(isAdapter(ic) ? { adapterName: ic.name } : {}),
  };
}

/** The request's prompt; a body the model cannot read is the ModelError AWS answers (and counts as one). */
function parseRequest({ simulation, metrics }: RuntimeDeps, request: RestRequest, context: RequestContext, resolved: ResolvedTarget): ParsedPrompt {
  const contentType = request.headers['content-type'];
  try {
    return parsePrompt(request.body, contentType);
  } catch (error) {
    if (error instanceof InvalidPayloadError) {
      metrics.finished(resolved.target, simulation.now(), resolved.copy?.inFlight ?? 0, 'modelError', 0);
      throw modelError(context.region, context.accountId, resolved.logGroup, error.message);
    }
    throw error;
  }
}

/** Resolves, parses and answers one invocation, keeping the copy's in-flight count and the metrics. */
async function serve(
  deps: RuntimeDeps,
  request: RestRequest,
  context: RequestContext,
  write: (invocation: Invocation) => Promise<void>,
): Promise<void> {
  const { simulation, metrics } = deps;
  const resolved = resolveTarget(deps, request, context);
  const prompt = parseRequest(deps, request, context, resolved);
  // The demo model says which adapter answered, before the completion.
  const tokens = resolved.adapterName ? [`[adapter ${resolved.adapterName}]`, ...generateTokens(prompt)] : generateTokens(prompt);
  const started = Date.now();
  const copy = resolved.copy;
  if (copy) copy.inFlight++;
  metrics.started(resolved.target, simulation.now(), copy?.inFlight ?? 1);
  try {
    await write({ deps, request, context, resolved, prompt, tokens });
  } finally {
    if (copy) copy.inFlight = Math.max(0, copy.inFlight - 1);
    metrics.finished(resolved.target, simulation.now(), copy?.inFlight ?? 0, 'success', Date.now() - started);
  }
}

/** InvokeEndpoint's answer: the whole completion at once, after the time its tokens take. */
async function writeComplete({ deps: { simulation, timings }, request, context, resolved, prompt, tokens }: Invocation): Promise<void> {
  await delay(timings.tokenLatencyMs * tokens.length, request);
  const id = `chatcmpl-${context.requestId}`;
  const { body, contentType } = completeResponse(prompt, tokens, id, simulation.now() / 1000);
  const bytes = Buffer.from(body, 'utf8');
  writeIfOpen(request.response, 200, {
    'Content-Type': contentType,
    'Content-Length': bytes.length,
    'x-Amzn-Invoked-Production-Variant': resolved.variantName,
    'x-amzn-RequestId': context.requestId,
  }, bytes);
}

/** InvokeEndpointWithResponseStream's answer: one PayloadPart event a token, stopping when the client leaves. */
async function writeStream({ deps: { simulation, timings }, request, context, resolved, prompt, tokens }: Invocation): Promise<void> {
  const response = request.response;
  response.writeHead(200, {
    'Content-Type': 'application/vnd.amazon.eventstream',
    'X-Amzn-SageMaker-Content-Type': prompt.style === 'text' ? 'text/plain' : 'application/json',
    'x-Amzn-Invoked-Production-Variant': resolved.variantName,
    'x-amzn-RequestId': context.requestId,
  });
  const id = `chatcmpl-${randomUUID()}`;
  const created = simulation.now() / 1000;
  for (let index = 0; index < tokens.length; index++) {
    if (request.aborted()) return;
    await delay(timings.tokenLatencyMs, request);
    response.write(encodeEvent('PayloadPart', Buffer.from(streamChunk(prompt, tokens[index], index, id, created), 'utf8')));
  }
  const end = streamEnd(prompt, tokens, id, created);
  if (end && !request.aborted()) response.write(encodeEvent('PayloadPart', Buffer.from(end, 'utf8')));
  response.end();
}

function delay(ms: number, request: RestRequest): Promise<void> {
  if (ms <= 0 || request.aborted()) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function writeIfOpen(response: ServerResponse, status: number, headers: Record<string, string | number>, body: Buffer): void {
  if (response.destroyed || response.headersSent) return;
  response.writeHead(status, headers);
  response.end(body);
}
