// The event-stream frames InvokeEndpointWithResponseStream writes, byte for byte: the golden frames were
// written by the emulator's earlier hand-written encoder, which the SDK's stream reader accepted.
import * as assert from 'node:assert/strict';
import { encodeEvent, encodeExceptionEvent } from '../src/protocols/eventStream';

const payloadPartFrame =
  'AAAAfAAAAFlLtzv3CzpldmVudC10eXBlBwALUGF5bG9hZFBhcnQNOm1lc3NhZ2UtdHlwZQcABWV2ZW50DTpjb250ZW50LXR5cGUHABhhcHBsaWNhdGlvbi9vY3RldC1zdHJlYW1kYXRhOnsidG9rZW4iOiJoaSJ9H+QJ3g==';
const modelStreamErrorFrame =
  'AAAAmQAAAF415+b7DzpleGNlcHRpb24tdHlwZQcAEE1vZGVsU3RyZWFtRXJyb3INOm1lc3NhZ2UtdHlwZQcACWV4Y2VwdGlvbg06Y29udGVudC10eXBlBwAQYXBwbGljYXRpb24vanNvbnsiTWVzc2FnZSI6ImJvb20iLCJFcnJvckNvZGUiOiJNb2RlbEVycm9yIn1HMMje';

describe('emulator: event-stream framing', () => {
  it('frames a PayloadPart event as before (prelude, string headers, payload, CRCs)', () => {
    const frame = encodeEvent('PayloadPart', Buffer.from('data:{"token":"hi"}', 'utf8'));
    assert.equal(frame.toString('base64'), payloadPartFrame);
  });

  it('frames a modelled exception event as before, its members as JSON', () => {
    const frame = encodeExceptionEvent('ModelStreamError', { Message: 'boom', ErrorCode: 'ModelError' });
    assert.equal(frame.toString('base64'), modelStreamErrorFrame);
  });
});
