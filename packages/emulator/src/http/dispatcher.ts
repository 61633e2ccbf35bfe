import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { controlPrefix, handleControl } from '../control/controlApi';
import { type Emulator } from '../emulator';
import { sendJsonRpcError, sendJsonRpcResult } from '../protocols/awsJsonProtocol';
import { parseJsonObject } from '../protocols/jsonReader';
import { applicationAutoscalingInputs, monitoringInputs, sagemakerInputs } from '../protocols/inputShapes';
import { type ShapeTable, validateInput } from '../protocols/shapeValidation';
import { parseQueryBody, sendQueryError, sendQueryResult } from '../protocols/queryProtocol';
import { sendRestJsonError } from '../protocols/restJsonProtocol';
import { type EmulatedService, type JsonRpcService, type QueryService, type RequestContext, type RestJsonService } from '../services/service';
import { authenticate } from './authentication';
import { readBody } from './body';
import { hasBody, mediaType, type RequestGuard } from './requestGuard';
import { ServiceError } from './serviceError';

/** The awsJson services' input shapes, by the emulator's service name. */
const inputShapes: Record<string, ShapeTable | undefined> = { sagemaker: sagemakerInputs, 'application-autoscaling': applicationAutoscalingInputs, monitoring: monitoringInputs };

type Shape = { kind: 'json'; version: '1.0' | '1.1'; queryCompatible: boolean } | { kind: 'rest' } | { kind: 'query'; xmlNamespace: string };

/**
 * The request pipeline: control routes, then routing to a service (X-Amz-Target prefix for the
 * awsJson services, method and path for the restJson ones), body limit, SigV4, catching the clock
 * up, injected faults, the operation, and errors in the shape the service's SDK client parses.
 * Nothing a client sends can throw out of here.
 */
export class Dispatcher {
  private readonly jsonServices: JsonRpcService[];
  private readonly restServices: RestJsonService[];
  private readonly queryServices: QueryService[];
  /** Set once the server listens (it knows the bound address then); every request passes it first. */
  guard: RequestGuard | undefined;

  constructor(private readonly emulator: Emulator) {
    const services: EmulatedService[] = emulator.services;
    this.jsonServices = services.filter((service): service is JsonRpcService => service.protocol === 'awsJson');
    this.restServices = services.filter((service): service is RestJsonService => service.protocol === 'restJson');
    this.queryServices = services.filter((service): service is QueryService => service.protocol === 'query');
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let shape: Shape = { kind: 'rest' };
    try {
      const url = request.url ?? '/';
      const [rawPath, rawQuery = ''] = url.split('?', 2);
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        throw new ServiceError('UnknownOperationException', 'The request path is not valid.', 404);
      }
      const control = path.startsWith(controlPrefix);
      const targetHeader = request.headers['x-amz-target'];
      const target = Array.isArray(targetHeader) ? targetHeader[0] : targetHeader;
      const dot = target?.lastIndexOf('.') ?? -1;
      const prefix = target !== undefined && dot > 0 ? target.slice(0, dot) : target;
      const jsonService = target === undefined ? undefined : this.jsonServices.find((candidate) => candidate.targetPrefix === prefix);
      if (target !== undefined && !control) {
        const jsonVersion = String(request.headers['content-type'] ?? '').includes('1.0') ? '1.0' : '1.1';
        shape = jsonService
          ? { kind: 'json', version: jsonService.jsonVersion, queryCompatible: jsonService.queryCompatible }
          : { kind: 'json', version: jsonVersion, queryCompatible: false };
      }
      const queryService = target === undefined && !control ? this.routeQuery(request, path) : undefined;
      if (queryService) shape = { kind: 'query', xmlNamespace: queryService.xmlNamespace };
      const refusal = this.guard?.check(request.headers);
      if (refusal) {
        request.resume();
        if (control) return sendControlRefusal(response, refusal.status, refusal.message);
        throw new ServiceError(refusal.code, refusal.message, refusal.status);
      }
      if (control) {
        // A browser sends a cross-site POST without preflight only as text/plain, form or multipart:
        // the control API takes JSON only, so such a request never reaches it.
        const method = request.method ?? 'GET';
        const needsJson = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method) || hasBody(request.headers);
        if (needsJson && mediaType(request.headers) !== 'application/json') {
          request.resume();
          return sendControlRefusal(response, 415, `Control requests with a body (${method}) must be sent as Content-Type: application/json.`);
        }
        const body = await readBody(request);
        await handleControl(this.emulator, request, response, path, body);
        return;
      }

      if (target !== undefined) {
        const service = jsonService;
        const operation = dot > 0 ? target.slice(dot + 1) : '';
        const body = await this.readServiceBody(request, 'ValidationException');
        const context = await this.authenticate(request, url, body, requestId);
        if (!service || !Object.hasOwn(service.operations, operation) || request.method !== 'POST') {
          throw new ServiceError('UnknownOperationException', `The operation ${target} is not supported.`, 400);
        }
        await this.applyFaults(operation, 'json', response);
        this.emulator.simulation.catchUp();
        const input = parseJsonObject(body);
        const shapes = inputShapes[service.name];
        if (shapes) validateInput(shapes, operation, input);
        const output = service.operations[operation](input, context);
        if (!isReadOnly(operation)) this.emulator.persist();
        sendJsonRpcResult(response, service, requestId, output);
        return;
      }

      if (queryService) {
        await this.handleQuery(queryService, request, response, url, requestId);
        return;
      }

      const { service, route, params } = this.routeRest(request.method ?? 'GET', path);
      const body = await this.readServiceBody(request, service?.name === 'sagemaker-runtime' ? 'ValidationError' : 'ValidationException');
      const context = await this.authenticate(request, url, body, requestId);
      if (!route) {
        throw new ServiceError('UnknownOperationException', `No operation matches ${request.method ?? 'GET'} ${rawPath}.`, 404);
      }
      await this.applyFaults(route.operation, 'rest', response);
      this.emulator.simulation.catchUp();
      let closed = false;
      response.on('close', () => {
        closed = true;
      });
      await route.handle(
        {
          method: request.method ?? 'GET',
          path,
          params,
          query: new URLSearchParams(rawQuery),
          headers: request.headers,
          body,
          response,
          aborted: () => closed || response.destroyed,
        },
        context,
      );
    } catch (error) {
      this.sendError(response, shape, requestId, error);
    }
  }

  /** A form POST to `/` signed for an awsQuery service (IAM): its service, else undefined. */
  private routeQuery(request: IncomingMessage, path: string): QueryService | undefined {
    if (request.method !== 'POST' || path !== '/' || mediaType(request.headers) !== 'application/x-www-form-urlencoded') return undefined;
    const authorization = String(request.headers.authorization ?? '');
    const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1];
    return this.queryServices.find((service) => service.signingName === scope) ?? (this.queryServices.length === 1 && !scope ? this.queryServices[0] : undefined);
  }

  private async handleQuery(service: QueryService, request: IncomingMessage, response: ServerResponse, url: string, requestId: string): Promise<void> {
    const body = await this.readServiceBody(request, 'ValidationError');
    const context = await this.authenticate(request, url, body, requestId);
    const params = parseQueryBody(body);
    const action = params.get('Action') ?? '';
    if (!Object.hasOwn(service.operations, action)) {
      throw new ServiceError('InvalidAction', `Could not find operation ${action || '(none)'} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`, 400);
    }
    if (params.get('Version') !== service.version) {
      throw new ServiceError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`, 400);
    }
    await this.applyFaults(action, 'json', response);
    this.emulator.simulation.catchUp();
    const result = service.operations[action](params, context);
    if (!isReadOnly(action)) this.emulator.persist();
    sendQueryResult(response, service.xmlNamespace, action, requestId, result);
  }

  private routeRest(method: string, path: string) {
    for (const service of this.restServices) {
      for (const route of service.routes) {
        if (route.method !== method) continue;
        const match = route.pattern.exec(path);
        if (match) return { service, route, params: { ...(match.groups ?? {}) } };
      }
    }
    const service = this.restServices.find((candidate) => candidate.pathPrefixes.some((prefix) => path.startsWith(prefix)));
    return { service, route: undefined, params: {} };
  }

  private async readServiceBody(request: IncomingMessage, code: string): Promise<Buffer> {
    try {
      return await readBody(request);
    } catch (error) {
      if (error instanceof ServiceError) throw new ServiceError(code, error.message, error.status);
      throw error;
    }
  }

  private async authenticate(request: IncomingMessage, url: string, body: Buffer, requestId: string): Promise<RequestContext> {
    const auth = await authenticate({ method: request.method ?? 'GET', url, headers: request.headers, body }, this.emulator.settings.credentials);
    const { settings, simulation } = this.emulator;
    return { requestId, auth, region: settings.region, accountId: settings.accountId, now: () => simulation.now() };
  }

  private async applyFaults(operation: string, kind: 'json' | 'rest', response: ServerResponse): Promise<void> {
    this.emulator.requests.count(operation);
    const decision = this.emulator.faults.decide(operation);
    if (decision.loseResponse) loseAnswer(response);
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    // Closed during the injected latency: the caller is gone, and the state must not change any more.
    if (this.emulator.stopped) throw new ServiceError('ServiceUnavailable', 'The emulator was stopped.', 503);
    if (decision.error === 'throttle') {
      this.emulator.requests.countThrottled(operation);
      throw new ServiceError('ThrottlingException', 'Rate exceeded', 400);
    }
    if (decision.error === 'server') {
      throw kind === 'json'
        ? new ServiceError('InternalFailure', 'An internal error occurred. Try again.', 500)
        : new ServiceError('InternalFailure', 'An exception occurred while processing the request. Try again.', 500);
    }
  }

  private sendError(response: ServerResponse, shape: Shape, requestId: string, error: unknown): void {
    let serviceError: ServiceError;
    if (error instanceof ServiceError) {
      serviceError = error;
    } else {
      this.emulator.settings.log('error', `Request ${requestId} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      serviceError = new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (shape.kind === 'query') sendQueryError(response, shape.xmlNamespace, requestId, serviceError);
    else if (shape.kind === 'json') sendJsonRpcError(response, shape.version, shape.queryCompatible, requestId, serviceError);
    else sendRestJsonError(response, requestId, serviceError);
  }
}

/** The request is carried out, but its answer never arrives: the connection closes instead. */
function loseAnswer(response: ServerResponse): void {
  const close = () => {
    response.socket?.destroy();
    return response;
  };
  response.writeHead = close as unknown as ServerResponse['writeHead'];
  response.write = (() => (close(), true)) as unknown as ServerResponse['write'];
  response.end = close as unknown as ServerResponse['end'];
}

function sendControlRefusal(response: ServerResponse, status: number, message: string): void {
  const bytes = Buffer.from(JSON.stringify({ error: message }), 'utf8');
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length, Connection: 'close' });
  response.end(bytes);
}

function isReadOnly(operation: string): boolean {
  return /^(Describe|List|Get)/.test(operation);
}
