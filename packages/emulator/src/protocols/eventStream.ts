import { EventStreamCodec, type MessageHeaders } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/core/serde';

/**
 * AWS event-stream framing (application/vnd.amazon.eventstream) with the SDK's own codec, the one its
 * EventStreamMarshaller reads the stream with: prelude, CRCs and header encoding are the library's.
 */
export type EventHeaders = Readonly<Record<string, string>>;

const codec = new EventStreamCodec(toUtf8, fromUtf8);

export function encodeEventMessage(headers: EventHeaders, payload: Uint8Array): Buffer {
  const tagged: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers)) tagged[name] = { type: 'string', value };
  const message = codec.encode({ headers: tagged, body: payload });
  return Buffer.from(message.buffer, message.byteOffset, message.byteLength);
}

/** An event of a modelled event stream member (e.g. SageMaker runtime's `PayloadPart`). */
export function encodeEvent(eventType: string, payload: Uint8Array, contentType = 'application/octet-stream'): Buffer {
  return encodeEventMessage({ ':event-type': eventType, ':message-type': 'event', ':content-type': contentType }, payload);
}

/** A modelled exception inside the stream (e.g. `ModelStreamError`), its members as a JSON payload. */
export function encodeExceptionEvent(exceptionType: string, members: Record<string, string>): Buffer {
  return encodeEventMessage(
    { ':exception-type': exceptionType, ':message-type': 'exception', ':content-type': 'application/json' },
    Buffer.from(JSON.stringify(members), 'utf8'),
  );
}
