import { type IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** Why a request was refused before it reached a service or the control API. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/**
 * Keeps web pages out. A page can make the browser send requests to 127.0.0.1 (a cross-site
 * `text/plain` POST needs no preflight), or rebind its own host name to 127.0.0.1 (DNS rebinding)
 * so that its requests are same-origin. Real clients (the AWS SDKs and CLI, curl, the tests) name
 * the address they connect to in `Host` and never send `Origin` or `Sec-Fetch-*`; browsers always
 * send the page's `Origin` on a cross-site POST and `Sec-Fetch-Site` on everything.
 *
 * - `Host` must name the address the emulator is bound to, with its port (a rebound name is refused: 421);
 * - a request that carries `Origin`, or a `Sec-Fetch-Site` other than `none` (an address typed into
 *   the browser's bar), comes from a page: 403.
 */
export class RequestGuard {
  private readonly names: Set<string>;

  constructor(
    /** The address the server is bound to (server.address().address). */
    boundAddress: string,
    private readonly port: number,
  ) {
    this.anyAddress = boundAddress === '0.0.0.0' || boundAddress === '::';
    const literal = isIP(boundAddress) === 6 ? `[${boundAddress.toLowerCase()}]` : boundAddress.toLowerCase();
    this.names = new Set([literal]);
    if (isLoopback(boundAddress) || this.anyAddress) this.names.add('localhost');
  }

  private readonly anyAddress: boolean;

  check(headers: IncomingHttpHeaders): Refusal | undefined {
    if (headers.origin !== undefined) {
      return { status: 403, code: 'AccessDeniedException', message: `Cross-origin requests are refused (Origin: ${String(headers.origin).slice(0, 100)}): the emulator is not reachable from web pages.` };
    }
    const site = headers['sec-fetch-site'];
    if (site !== undefined && site !== 'none') {
      return { status: 403, code: 'AccessDeniedException', message: `Requests from web pages are refused (Sec-Fetch-Site: ${String(site).slice(0, 40)}).` };
    }
    const host = headers.host;
    if (!this.hostAllowed(host)) {
      return {
        status: 421,
        code: 'MisdirectedRequest',
        message: `Host ${JSON.stringify(String(host ?? '').slice(0, 100))} is refused: the emulator answers only requests addressed to ${[...this.names].map((name) => `${name}:${this.port}`).join(' or ')}.`,
      };
    }
    return undefined;
  }

  private hostAllowed(host: string | undefined): boolean {
    if (!host) return false;
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
    if (!match) return false;
    const name = match[1].toLowerCase();
    const port = match[2] === undefined ? 80 : Number(match[2]);
    if (port !== this.port) return false;
    if (this.names.has(name)) return true;
    // Bound to every address: any address literal of this machine (never a name, which could be rebound).
    return this.anyAddress && isIP(name.replace(/^\[|\]$/g, '')) !== 0;
  }
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address === 'localhost';
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['content-type'];
  return value === undefined ? undefined : value.split(';')[0].trim().toLowerCase();
}

/** True when the request announces a body (a Content-Length above zero or a chunked transfer). */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}
