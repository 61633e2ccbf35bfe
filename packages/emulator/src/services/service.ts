import { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { type SigV4Authorization } from '../http/sigv4';
import { type JsonObject } from '../protocols/jsonReader';
import { type XmlValue } from '../protocols/queryXml';
import { type OutputShapeTable } from '../protocols/outputShapeTable';
import { type ShapeTable } from '../protocols/shapeValidation';

/** What every operation handler knows about the request it serves. */
export interface RequestContext {
  readonly requestId: string;
  readonly auth: SigV4Authorization;
  readonly region: string;
  readonly accountId: string;
  /** Simulated time, epoch milliseconds. */
  now(): number;
}

export type JsonRpcHandler = (input: JsonObject, context: RequestContext) => JsonObject;

/** A service on the awsJson1_0 / awsJson1_1 protocols: `POST /` routed by `X-Amz-Target: <prefix>.<Operation>`. */
export interface JsonRpcService {
  readonly protocol: 'awsJson';
  readonly name: string;
  readonly targetPrefix: string;
  readonly jsonVersion: '1.0' | '1.1';
  /** awsJson1_0 with awsQuery compatibility (CloudWatch): errors also carry `x-amzn-query-error`. */
  readonly queryCompatible: boolean;
  readonly operations: Readonly<Record<string, JsonRpcHandler>>;
  /**
   * The other protocols of the service's model (CloudWatch: awsQuery and Smithy RPC v2 CBOR), served by
   * the same operations: the input shapes decode their requests, the output shapes type their answers,
   * `namespace` is the Smithy namespace RPC v2 CBOR errors name (`<namespace>#<Code>`).
   */
  readonly otherProtocols?: { readonly inputs: ShapeTable; readonly outputs: OutputShapeTable; readonly namespace: string };
}

export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly response: ServerResponse;
  /** True once the client went away (lets streaming handlers stop). */
  readonly aborted: () => boolean;
}

export interface RestJsonRoute {
  readonly method: string;
  /** Path pattern with named groups, matched against the decoded path. */
  readonly pattern: RegExp;
  readonly operation: string;
  readonly handle: (request: RestRequest, context: RequestContext) => Promise<void>;
}

/** A service on the restJson1 protocol, routed by method and path. */
export interface RestJsonService {
  readonly protocol: 'restJson';
  readonly name: string;
  /** Path prefixes this service owns, so unknown paths under them get its error shape. */
  readonly pathPrefixes: readonly string[];
  /** SigV4 signing name (the credential scope's service), used to route requests no path matches. */
  readonly signingName: string;
  readonly routes: readonly RestJsonRoute[];
}

/** An operation of an awsQuery service: the form's parameters in, the `<Result>` members out (undefined: no result element). */
export type QueryHandler = (params: Map<string, string>, context: RequestContext) => XmlValue;

/** A service on the awsQuery protocol (IAM): `POST /` with a form body naming the `Action`, XML answers. */
export interface QueryService {
  readonly protocol: 'query';
  readonly name: string;
  /** SigV4 signing name (the credential scope's service), which routes a form request to the service. */
  readonly signingName: string;
  /** The API version every request names (`Version=`). */
  readonly version: string;
  /** The XML namespace of the answers. */
  readonly xmlNamespace: string;
  readonly operations: Readonly<Record<string, QueryHandler>>;
  /** The operations' input shapes, which read a form back into the model's structure (the recording mode). */
  readonly inputs: ShapeTable;
}

export type EmulatedService = JsonRpcService | RestJsonService | QueryService;
