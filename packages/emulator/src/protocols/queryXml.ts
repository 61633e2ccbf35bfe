import { type ServerResponse } from 'node:http';
import { type ServiceError } from '../http/serviceError';

/**
 * The awsQuery protocol for a service whose operations read the form's parameters themselves (IAM;
 * CloudWatch's awsQuery, read by its model's shapes, is awsQueryProtocol.ts): the request is a form (`Action=…&Version=…&Member.member.1=…`), the
 * answer an XML document `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>`,
 * lists as `<member>` elements, errors as `<ErrorResponse><Error><Type/><Code/><Message/></Error>`.
 */

/** A form body's parameters (later values of a repeated key win, as on AWS). */
export function parseQueryBody(body: Buffer): Map<string, string> {
  return new Map(new URLSearchParams(body.toString('utf8')).entries());
}

/** The values of a flattened list parameter `Name.member.1`, `Name.member.2`…, or of its members' sub-keys. */
export function queryList(params: Map<string, string>, name: string): Map<string, string>[] {
  const items = new Map<number, Map<string, string>>();
  const prefix = `${name}.member.`;
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    const index = Number(dot < 0 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index) || index < 1) continue;
    const item = items.get(index) ?? new Map<string, string>();
    item.set(dot < 0 ? '' : rest.slice(dot + 1), value);
    items.set(index, item);
  }
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
}

export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | { [member: string]: XmlValue };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);
}

/** A value as XML elements: objects by member, lists as `<member>` items, dates in ISO 8601. */
export function toXml(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([member, item]) => `<${member}>${toXml(item)}</${member}>`)
      .join('');
  }
  return escapeXml(String(value));
}

function send(response: ServerResponse, status: number, requestId: string, xml: string): void {
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`, 'utf8');
  response.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': body.length, 'x-amzn-RequestId': requestId });
  response.end(body);
}

/** Writes an operation's answer; `result` undefined for operations without output (PutRolePolicy…). */
export function sendXmlResult(response: ServerResponse, namespace: string, action: string, requestId: string, result: XmlValue): void {
  const inner = result === undefined ? '' : `<${action}Result>${toXml(result)}</${action}Result>`;
  send(response, 200, requestId, `<${action}Response xmlns="${namespace}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`);
}

/** Writes an awsQuery error: the code the SDK turns into the exception's name, Sender or Receiver. */
export function sendXmlError(response: ServerResponse, namespace: string, requestId: string, error: ServiceError): void {
  const detail = toXml({ Type: error.fault, Code: error.code, Message: error.message });
  send(response, error.status, requestId, `<ErrorResponse xmlns="${namespace}"><Error>${detail}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
}
