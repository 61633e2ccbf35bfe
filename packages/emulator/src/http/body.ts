import { type IncomingMessage } from 'node:http';
import { ServiceError } from './serviceError';

/** Largest request body accepted (SageMaker runtime's own payload limit is 25 MB; 6 MB for sync). */
export const maxBodyBytes = 6 * 1024 * 1024;

/** Reads the whole request body, refusing bodies above the limit without buffering them. */
export function readBody(request: IncomingMessage, limit: number = maxBodyBytes): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      request.resume();
      reject(payloadTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    request.on('error', (error) => {
      if (!failed) {
        failed = true;
        reject(error);
      }
    });
  });
}

function payloadTooLarge(limit: number): ServiceError {
  return new ServiceError('ValidationException', `Request body exceeds the maximum size of ${limit} bytes.`, 413);
}
