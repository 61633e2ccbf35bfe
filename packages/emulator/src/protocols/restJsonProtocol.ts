import { type ServerResponse } from 'node:http';
import { type ServiceError } from '../http/serviceError';

/** Writes a restJson1 error: the code in `x-amzn-ErrorType` (read first by the SDK) and in the body. */
export function sendRestJsonError(response: ServerResponse, requestId: string, error: ServiceError): void {
  const body = Buffer.from(JSON.stringify({ ...error.members, message: error.message }), 'utf8');
  response.writeHead(error.status, {
    'Content-Type': 'application/json',
    'Content-Length': body.length,
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': error.code,
  });
  response.end(body);
}

/** Writes a restJson1 JSON document response. */
export function sendRestJson(response: ServerResponse, requestId: string, status: number, output: unknown): void {
  const body = Buffer.from(JSON.stringify(output ?? {}), 'utf8');
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': body.length,
    'x-amzn-RequestId': requestId,
  });
  response.end(body);
}
