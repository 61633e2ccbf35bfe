import { type ServerResponse } from 'node:http';
import { type ServiceError } from '../http/serviceError';
import { type JsonRpcService } from '../services/service';

/** Writes a successful awsJson response. */
export function sendJsonRpcResult(response: ServerResponse, service: JsonRpcService, requestId: string, output: unknown): void {
  const body = Buffer.from(JSON.stringify(output ?? {}), 'utf8');
  response.writeHead(200, {
    'Content-Type': `application/x-amz-json-${service.jsonVersion}`,
    'Content-Length': body.length,
    'x-amzn-RequestId': requestId,
  });
  response.end(body);
}

/** Writes an awsJson error: `{"__type": code, "message": ...}`, plus the query-compatibility header. */
export function sendJsonRpcError(
  response: ServerResponse,
  jsonVersion: '1.0' | '1.1',
  queryCompatible: boolean,
  requestId: string,
  error: ServiceError,
): void {
  const body = Buffer.from(JSON.stringify({ ...error.members, __type: error.code, message: error.message }), 'utf8');
  const headers: Record<string, string | number> = {
    'Content-Type': `application/x-amz-json-${jsonVersion}`,
    'Content-Length': body.length,
    'x-amzn-RequestId': requestId,
  };
  if (queryCompatible) headers['x-amzn-query-error'] = `${error.queryCode ?? error.code};${error.fault}`;
  response.writeHead(error.status, headers);
  response.end(body);
}
