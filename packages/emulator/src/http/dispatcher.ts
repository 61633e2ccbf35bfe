import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { controlPrefix, handleControl } from '../control/controlApi';
import { type Emulator } from '../emulator';
import { type EmulatorWorld } from '../accounts/emulatorWorld';
import { sendJsonRpcError, sendJsonRpcResult } from '../protocols/awsJsonProtocol';
import { queryParameters, readQueryInput, sendQueryError, sendQueryResult } from '../protocols/awsQueryProtocol';
import { type JsonObject, parseJsonObject } from '../protocols/jsonReader';
import { applicationAutoscalingInputs, logsInputs, monitoringInputs, sagemakerInputs } from '../protocols/inputShapes';
import { type ShapeTable, validateInput } from '../protocols/shapeValidation';
import { parseQueryBody, sendXmlError, sendXmlResult } from '../protocols/queryXml';
import { sendRestJsonError } from '../protocols/restJsonProtocol';
import { readCborInput, rpcV2Route, sendCborError, sendCborResult } from '../protocols/rpcV2CborProtocol';
import { readRestInput } from '../protocols/restBinding';
import { restBindings } from '../protocols/restBindings';
import { unreadQueryFields } from '../recording/queryFields';
import { type RecordedScope, type RequestRecorder } from '../recording/requestRecorder';
import { type EmulatedService, type JsonRpcService, type QueryService, type RequestContext, type RestJsonService } from '../services/service';
import { formInput, restInput } from '../protocols/constraintValidation';
import { authenticate } from './authentication';
import { headerValue, parseAuthorization } from './sigv4';
import { constraintTable, refuseBrokenConstraints } from './constraintRefusal';
import { readBody } from './body';
import { hasBody, mediaType, type RequestGuard } from './requestGuard';
import { ServiceError } from './serviceError';

/** The awsJson services' input shapes, by the emulator's service name. */
const inputShapes: Record<string, ShapeTable | undefined> = { sagemaker: sagemakerInputs, 'application-autoscaling': applicationAutoscalingInputs, monitoring: monitoringInputs, logs: logsInputs };

type Shape = { kind: 'json'; version: '1.0' | '1.1'; queryCompatible: boolean } | { kind: 'rest' } | OtherProtocol | { kind: 'queryService'; xmlNamespace: string };

/** A request in one of the other protocols of a service's model: awsQuery, or Smithy RPC v2 CBOR (its path names the operation). */
type OtherProtocol = { kind: 'query'; service: JsonRpcService } | { kind: 'cbor'; service: JsonRpcService | undefined; operation: string };

/** The partition serving a request, and what its operations know of the request. */
interface Routed {
  partition: Emulator;
  context: RequestContext;
}

/**
 * The request pipeline: control routes, then routing to a service (X-Amz-Target prefix for the
 * awsJson services, method and path for the restJson ones), body limit, SigV4 (with the key pair of
 * the account the access key names), the partition of that account in the credential scope's region
 * (the account's home partition for the global services, IAM and Account), catching the clock up,
 * injected faults, the operation, and errors in the shape the service's SDK client parses. Services
 * are recognized by the home partition's instances, then run by the routed partition's own.
 * Nothing a client sends can throw out of here.
 */
export class Dispatcher {
  private readonly jsonServices: JsonRpcService[];
  private readonly restServices: RestJsonService[];
  private readonly queryServices: QueryService[];
  /** Set once the server listens (it knows the bound address then); every request passes it first. */
  guard: RequestGuard | undefined;

  /** `recorder`: the recording mode, which appends every request's decoded input to a file (it never changes an answer). */
  constructor(
    private readonly world: EmulatorWorld,
    private readonly recorder?: RequestRecorder,
  ) {
    const services: EmulatedService[] = world.services;
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
      // A form signed for an awsQuery service (IAM) is its; other forms are CloudWatch's awsQuery.
      const queryService = target === undefined && !control ? this.routeQuery(request, path) : undefined;
      const other = target === undefined && !control && !queryService ? this.otherProtocol(request, path, rawQuery) : undefined;
      if (queryService) shape = { kind: 'queryService', xmlNamespace: queryService.xmlNamespace };
      if (other) shape = other;
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
        await handleControl(this.world, request, response, path, new URLSearchParams(rawQuery), body);
        return;
      }

      if (other) {
        await this.handleOtherProtocol(other, request, response, url, rawQuery, requestId);
        return;
      }

      if (target !== undefined) {
        const service = jsonService;
        const operation = dot > 0 ? target.slice(dot + 1) : '';
        const body = await this.readServiceBody(request, 'ValidationException');
        if (service) this.recorder?.record(service.name, operation, `awsJson${service.jsonVersion.replace('.', '_')}`, () => parseJsonObject(body), undefined, this.recordedScope(request));
        const routed = await this.authenticate(request, url, body, requestId, service);
        if (!service || !Object.hasOwn(service.operations, operation) || request.method !== 'POST') {
          throw new ServiceError('UnknownOperationException', `The operation ${target} is not supported.`, 400);
        }
        const { partition, context } = routed;
        await this.applyFaults(partition, service, operation, 'json', response, context);
        partition.simulation.catchUp();
        const input = parseJsonObject(body);
        const shapes = inputShapes[service.name];
        if (shapes) validateInput(shapes, operation, input);
        refuseBrokenConstraints(service.name, operation, input);
        sendJsonRpcResult(response, service, requestId, this.run(partition, partitionService(partition, service), operation, input, context));
        return;
      }

      if (queryService) {
        await this.handleQuery(queryService, request, response, url, requestId);
        return;
      }

      const { service, route, params } = this.routeRest(request.method ?? 'GET', path);
      const body = await this.readServiceBody(request, service?.name === 'sagemaker-runtime' ? 'ValidationError' : 'ValidationException');
      if (service && route) {
        const binding = restBindings[service.name]?.[route.operation];
        this.recorder?.record(
          service.name,
          route.operation,
          'restJson1',
          () => {
            if (!binding) throw new Error(`No HTTP binding for ${route.operation}: regenerate src/protocols/restBindings.ts (scripts/input-shapes.py --rest-bindings).`);
            return readRestInput(binding, { rawPath, query: new URLSearchParams(rawQuery), headers: request.headers, body });
          },
          undefined,
          this.recordedScope(request),
        );
      }
      const { partition, context } = await this.authenticate(request, url, body, requestId, service);
      if (!route) {
        throw new ServiceError('UnknownOperationException', `No operation matches ${request.method ?? 'GET'} ${rawPath}.`, 404);
      }
      await this.applyFaults(partition, service!, route.operation, 'rest', response, context);
      partition.simulation.catchUp();
      refuseBrokenConstraints(service!.name, route.operation, restMembers(service!.name, route.operation, params, new URLSearchParams(rawQuery), request, body));
      // The route of the routed partition's own instance of the service (the Account service is the world's: one instance).
      const own = service === this.world.accountService ? route : (partitionService(partition, service!) as RestJsonService).routes[service!.routes.indexOf(route)];
      let closed = false;
      response.on('close', () => {
        closed = true;
      });
      await own.handle(
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

  /** A form POST to `/` signed for an awsQuery service of its own (IAM): that service, else undefined (CloudWatch's awsQuery takes the other forms). */
  private routeQuery(request: IncomingMessage, path: string): QueryService | undefined {
    if (request.method !== 'POST' || path !== '/' || mediaType(request.headers) !== 'application/x-www-form-urlencoded') return undefined;
    const authorization = String(request.headers.authorization ?? '');
    const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1];
    return this.queryServices.find((service) => service.signingName === scope);
  }

  private async handleQuery(service: QueryService, request: IncomingMessage, response: ServerResponse, url: string, requestId: string): Promise<void> {
    const body = await this.readServiceBody(request, 'ValidationError');
    const params = parseQueryBody(body);
    const action = params.get('Action') ?? '';
    if (action) {
      const form = queryParameters('', body);
      this.recorder?.record(service.name, action, 'awsQuery', () => readQueryInput(service.inputs, action, form), () => unreadQueryFields(service.inputs, action, form), this.recordedScope(request));
    }
    const { partition, context } = await this.authenticate(request, url, body, requestId, service);
    if (!Object.hasOwn(service.operations, action)) {
      throw new ServiceError('InvalidAction', `Could not find operation ${action || '(none)'} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`, 400);
    }
    if (params.get('Version') !== service.version) {
      throw new ServiceError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`, 400);
    }
    await this.applyFaults(partition, service, action, 'json', response, context);
    partition.simulation.catchUp();
    const table = constraintTable(service.name);
    if (table) refuseBrokenConstraints(service.name, action, formInput(table, action, params));
    const result = (partitionService(partition, service) as QueryService).operations[action](params, context);
    if (!isReadOnly(action)) partition.persist();
    sendXmlResult(response, service.xmlNamespace, action, requestId, result);
  }

  /** Runs an operation on its JSON input, and saves the state after any operation that may change it. */
  private run(partition: Emulator, service: EmulatedService, operation: string, input: JsonObject, context: RequestContext): JsonObject {
    try {
      return (service as JsonRpcService).operations[operation](input, context);
    } finally {
      // Also after an error: DeleteAlarms deletes the names it knows before reporting the others.
      if (!isReadOnly(operation)) partition.persist();
    }
  }

  /**
   * Recognizes the other protocols of the services that have them: RPC v2 CBOR by its path
   * (`POST /service/<target prefix>/operation/<Operation>`), awsQuery as a form POST to `/` or a GET of
   * `/?Action=…`. Forms signed for IAM went to its own query service first (routeQuery): the rest are CloudWatch's.
   */
  private otherProtocol(request: IncomingMessage, path: string, rawQuery: string): OtherProtocol | undefined {
    const method = request.method ?? 'GET';
    const route = method === 'POST' ? rpcV2Route(path) : undefined;
    if (route) {
      const service = this.jsonServices.find((candidate) => candidate.otherProtocols && candidate.targetPrefix === route.service);
      return { kind: 'cbor', service, operation: route.operation };
    }
    if (path !== '/') return undefined;
    const form = method === 'POST' && mediaType(request.headers) === 'application/x-www-form-urlencoded';
    const get = method === 'GET' && new URLSearchParams(rawQuery).has('Action');
    const service = this.jsonServices.find((candidate) => candidate.otherProtocols);
    return (form || get) && service ? { kind: 'query', service } : undefined;
  }

  /** An operation called over awsQuery or RPC v2 CBOR: decoded into its JSON input, run as over awsJson, answered in the request's wire format. */
  private async handleOtherProtocol(other: OtherProtocol, request: IncomingMessage, response: ServerResponse, url: string, rawQuery: string, requestId: string): Promise<void> {
    const body = await this.readServiceBody(request, 'ValidationException');
    this.recordOtherProtocol(other, rawQuery, request.method === 'POST' ? body : undefined, this.recordedScope(request));
    const { partition, context } = await this.authenticate(request, url, body, requestId, other.service);
    const service = other.service;
    let operation: string;
    let params: URLSearchParams | undefined;
    if (other.kind === 'cbor') {
      operation = other.operation;
      if (!service || !Object.hasOwn(service.operations, operation)) throw new ServiceError('UnknownOperationException', `The operation ${operation} is not supported.`, 404);
    } else {
      params = queryParameters(rawQuery, request.method === 'POST' ? body : undefined);
      operation = params.get('Action') ?? '';
      if (!operation) throw queryError('MissingAction', 'The request must contain the parameter Action.');
      if (!Object.hasOwn(other.service.operations, operation)) throw queryError('InvalidAction', `The action ${operation.slice(0, 100)} is not valid for this web service.`);
    }
    const target = other.service!;
    const tables = target.otherProtocols!;
    await this.applyFaults(partition, target, operation, 'json', response, context);
    partition.simulation.catchUp();
    const input = params ? readQueryInput(tables.inputs, operation, params) : readCborInput(body);
    validateInput(tables.inputs, operation, input);
    refuseBrokenConstraints(target.name, operation, input);
    const output = this.run(partition, partitionService(partition, target), operation, input, context);
    if (other.kind === 'cbor') sendCborResult(response, tables.outputs, operation, requestId, output);
    else sendQueryResult(response, tables.outputs, operation, requestId, output);
  }

  /** Records an awsQuery or RPC v2 CBOR request of a service the emulator has (CloudWatch), decoded as its operation reads it. */
  private recordOtherProtocol(other: OtherProtocol, rawQuery: string, body: Buffer | undefined, scope: RecordedScope | undefined): void {
    const recorder = this.recorder;
    const service = other.service;
    const inputs = service?.otherProtocols?.inputs;
    if (!recorder || !service || !inputs) return;
    if (other.kind === 'cbor') {
      recorder.record(service.name, other.operation, 'smithy-rpc-v2-cbor', () => readCborInput(body ?? Buffer.alloc(0)), undefined, scope);
      return;
    }
    const params = queryParameters(rawQuery, body);
    const operation = params.get('Action');
    if (operation) recorder.record(service.name, operation, 'awsQuery', () => readQueryInput(inputs, operation, params), () => unreadQueryFields(inputs, operation, params), scope);
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

  /**
   * Checks the signature with the key pair of the account the access key names, then routes: the
   * account's partition in the credential scope's region (its home partition for a global service).
   * A region the account has not enabled is refused; a region the account's faults take down fails.
   */
  private async authenticate(request: IncomingMessage, url: string, body: Buffer, requestId: string, service: EmulatedService | undefined): Promise<Routed> {
    const keyId = parseAuthorization(headerValue(request.headers.authorization))?.accessKeyId;
    const auth = await authenticate({ method: request.method ?? 'GET', url, headers: request.headers, body }, this.world.credentialsFor(keyId));
    const accountId = this.world.accountIdFor(auth.accessKeyId);
    const global = service !== undefined && globalServices.has(service.name);
    const partition = global ? this.world.homeOf(accountId) : this.world.partition(accountId, auth.region);
    if (!global && this.world.homeOf(accountId).faults.regionDown(auth.region)) {
      throw new ServiceError('ServiceUnavailable', `Service unavailable in ${auth.region}: the emulator takes this region down (fault regionsDown). Try again later.`, 503);
    }
    const { settings, simulation } = partition;
    return { partition, context: { requestId, auth, region: settings.region, accountId: settings.accountId, now: () => simulation.now() } };
  }

  /** The region and account a request is signed for (read before its signature is checked), for the recording. */
  private recordedScope(request: IncomingMessage): RecordedScope | undefined {
    if (!this.recorder) return undefined;
    const auth = parseAuthorization(headerValue(request.headers.authorization));
    return auth ? { region: auth.region, accountId: this.world.accountIdFor(auth.accessKeyId) } : undefined;
  }

  private async applyFaults(partition: Emulator, service: EmulatedService, operation: string, kind: 'json' | 'rest', response: ServerResponse, context: RequestContext): Promise<void> {
    partition.requests.count(operation);
    if (partition.faults.denies(operation)) throw accessDenied(service, operation, context);
    const decision = partition.faults.decide(operation);
    if (decision.loseResponse) loseAnswer(response);
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    // Closed during the injected latency: the caller is gone, and the state must not change any more.
    if (partition.stopped) throw new ServiceError('ServiceUnavailable', 'The emulator was stopped.', 503);
    if (decision.error === 'throttle') {
      partition.requests.countThrottled(operation);
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
      this.world.settings.log('error', `Request ${requestId} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      serviceError = new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (shape.kind === 'queryService') sendXmlError(response, shape.xmlNamespace, requestId, serviceError);
    else if (shape.kind === 'json') sendJsonRpcError(response, shape.version, shape.queryCompatible, requestId, serviceError);
    else if (shape.kind === 'query') sendQueryError(response, shape.service.otherProtocols!.outputs.xmlNamespace, requestId, asQueryError(serviceError));
    else if (shape.kind === 'cbor') {
      const namespace = shape.service?.otherProtocols?.namespace ?? 'smithy.framework';
      sendCborError(response, namespace, shape.service?.queryCompatible ?? false, requestId, asQueryError(serviceError));
    } else sendRestJsonError(response, requestId, serviceError);
  }
}

/** The global services: one endpoint whatever the region, answered by the account's home partition. */
const globalServices = new Set(['iam', 'account']);

/** The IAM action prefix of a service (its signing name but for CloudWatch's and the runtime's). */
const actionPrefixes: Readonly<Record<string, string>> = { monitoring: 'cloudwatch', 'sagemaker-runtime': 'sagemaker' };

/**
 * An operation refused as IAM refuses an identity without the permission (the `accessDenied` fault):
 * 403, the service's access-denied code, AWS's message shape (docs/emulator.md, unconfirmed item 60).
 */
function accessDenied(service: EmulatedService, operation: string, context: RequestContext): ServiceError {
  const action = `${actionPrefixes[service.name] ?? service.name}:${operation}`;
  const code = service.protocol === 'query' ? 'AccessDenied' : 'AccessDeniedException';
  return new ServiceError(code, `User: arn:aws:iam::${context.accountId}:user/emulator is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`, 403);
}

/** The partition's own instance of a service recognized by the home partition's (the Account service: the world's one). */
function partitionService(partition: Emulator, service: EmulatedService): EmulatedService {
  return partition.services.find((candidate) => candidate.name === service.name) ?? service;
}

/** A restJson request's members by the model (labels, query string, headers, JSON body), for its constraints. */
function restMembers(service: string, operation: string, labels: Record<string, string>, query: URLSearchParams, request: IncomingMessage, body: Buffer) {
  const table = constraintTable(service);
  if (!table) return {};
  let json: Record<string, unknown> = {};
  if (body.length > 0 && mediaType(request.headers) === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
      // The operation answers a body it cannot read.
    }
  }
  return restInput(table, operation, { labels, query, headers: request.headers, body: json, payload: body });
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

/** An error of the awsQuery protocol itself (no operation to blame): its code is the same in both places. */
function queryError(code: string, message: string): ServiceError {
  const error = new ServiceError(code, message, 400);
  error.queryCode = code;
  return error;
}

/** awsQuery names a shape violation `ValidationError` (the awsJson services' `ValidationException`). */
function asQueryError(error: ServiceError): ServiceError {
  if (error.code === 'ValidationException' && !error.queryCode) error.queryCode = 'ValidationError';
  return error;
}

function isReadOnly(operation: string): boolean {
  return /^(Describe|List|Get)/.test(operation);
}
