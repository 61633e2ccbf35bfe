import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { request } from 'node:http';
import { credentials } from '../harness';

/** A request as it goes on the wire, before signing. */
export interface WireRequest {
  method: string;
  /** The path, already percent-encoded. */
  path: string;
  /** Query parameters (decoded values; encoded when sent). */
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: Buffer;
}

/** An answer as it came off the wire: nothing decoded, so no SDK deserializer hides a member. */
export interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Signs a request with SigV4 (the SDK's own signer, the harness's credentials) and sends it over raw HTTP. */
export async function sendSigned(url: string, signingName: string, wire: WireRequest): Promise<WireAnswer> {
  const target = new URL(url);
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: signingName, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
  const headers: Record<string, string> = { ...wire.headers, host: target.host };
  if (wire.body.length > 0) headers['content-length'] = String(wire.body.length);
  const signed = await signer.sign({ method: wire.method, protocol: 'http:', hostname: target.hostname, port: Number(target.port), path: wire.path, query: wire.query, headers, body: wire.body });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(wire.query)) for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
  const query = search.toString().replace(/\+/g, '%20');
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: target.hostname, port: target.port, method: wire.method, path: query ? `${wire.path}?${query}` : wire.path, headers: signed.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const answerHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) answerHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: response.statusCode ?? 0, headers: answerHeaders, body: Buffer.concat(chunks) });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(wire.body);
  });
}
