import { crc32 } from 'node:zlib';

/**
 * AWS event-stream framing (application/vnd.amazon.eventstream), as read by the SDK's
 * EventStreamMarshaller:
 *
 *   total length (u32) | headers length (u32) | prelude CRC32 (u32) | headers | payload | message CRC32 (u32)
 *
 * Each header: name length (u8), name, value type (u8, 7 = string), value length (u16), value.
 */
export type EventHeaders = Readonly<Record<string, string>>;

export function encodeEventMessage(headers: EventHeaders, payload: Uint8Array): Buffer {
  const headerBytes = encodeHeaders(headers);
  const totalLength = 12 + headerBytes.length + payload.length + 4;
  const message = Buffer.alloc(totalLength);
  message.writeUInt32BE(totalLength, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, totalLength - 4)), totalLength - 4);
  return message;
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

/** Decodes one or more framed messages (used by tests and for symmetry checks). */
export function decodeEventMessages(data: Buffer): { headers: Record<string, string>; payload: Buffer }[] {
  const messages: { headers: Record<string, string>; payload: Buffer }[] = [];
  let offset = 0;
  while (offset + 16 <= data.length) {
    const total = data.readUInt32BE(offset);
    const headersLength = data.readUInt32BE(offset + 4);
    if (total < 16 || offset + total > data.length) throw new RangeError('Truncated event-stream message');
    if (data.readUInt32BE(offset + 8) !== crc32(data.subarray(offset, offset + 8))) throw new RangeError('Bad prelude CRC');
    if (data.readUInt32BE(offset + total - 4) !== crc32(data.subarray(offset, offset + total - 4))) throw new RangeError('Bad message CRC');
    const headers: Record<string, string> = {};
    let cursor = offset + 12;
    const headersEnd = cursor + headersLength;
    while (cursor < headersEnd) {
      const nameLength = data.readUInt8(cursor);
      const name = data.toString('utf8', cursor + 1, cursor + 1 + nameLength);
      cursor += 1 + nameLength;
      const type = data.readUInt8(cursor);
      if (type !== 7) throw new RangeError(`Unsupported header type ${type}`);
      const valueLength = data.readUInt16BE(cursor + 1);
      headers[name] = data.toString('utf8', cursor + 3, cursor + 3 + valueLength);
      cursor += 3 + valueLength;
    }
    messages.push({ headers, payload: data.subarray(headersEnd, offset + total - 4) });
    offset += total;
  }
  return messages;
}

function encodeHeaders(headers: EventHeaders): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const part = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    part.writeUInt8(nameBytes.length, 0);
    nameBytes.copy(part, 1);
    part.writeUInt8(7, 1 + nameBytes.length);
    part.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
    valueBytes.copy(part, 4 + nameBytes.length);
    parts.push(part);
  }
  return Buffer.concat(parts);
}
