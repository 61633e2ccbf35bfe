import * as assert from 'node:assert/strict';
import { readStreamName } from '../../../src/logs/reading/streamNames';

describe('logs: what a stream name says about a line\'s origin', () => {
  it('reads an endpoint stream <VariantName>/<InstanceId> (AWS\'s documented layout)', () => {
    assert.deepEqual(readStreamName('AllTraffic/i-0123456789abcdef0'), { stream: 'AllTraffic/i-0123456789abcdef0', variant: 'AllTraffic', instance: 'i-0123456789abcdef0' });
  });

  it('reads a component stream <VariantName>/<InstanceId>/<CopyId> (unconfirmed layout)', () => {
    assert.deepEqual(readStreamName('AllTraffic/i-0abc/copy-2'), { stream: 'AllTraffic/i-0abc/copy-2', variant: 'AllTraffic', instance: 'i-0abc', copy: 'copy-2' });
  });

  it('copes with other layouts: the instance wherever a segment starts i-, the rest after it is the copy', () => {
    assert.deepEqual(readStreamName('i-0abc/9f1c/x'), { stream: 'i-0abc/9f1c/x', instance: 'i-0abc', copy: '9f1c/x' });
    assert.deepEqual(readStreamName('a/b/i-0abc'), { stream: 'a/b/i-0abc', variant: 'a/b', instance: 'i-0abc' });
  });

  it('keeps the whole name when no segment names an instance', () => {
    assert.deepEqual(readStreamName('AllTraffic/host-1'), { stream: 'AllTraffic/host-1' });
    assert.deepEqual(readStreamName(''), { stream: '' });
    // "i-" alone, or with characters an instance id never has, is not an instance.
    assert.deepEqual(readStreamName('AllTraffic/i-/x'), { stream: 'AllTraffic/i-/x' });
  });
});
