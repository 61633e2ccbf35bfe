import * as assert from 'node:assert/strict';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS helper mocha and the test scripts load
const { lastWednesdayMorning, fixEmulatorStartTime } = require(join(root, 'test', 'support', 'emulatorStartTime.cjs')) as {
  lastWednesdayMorning(now?: number): number;
  fixEmulatorStartTime(env?: Record<string, string | undefined>): string;
};

describe('the test emulators\' start time (test/support/emulatorStartTime.cjs)', () => {
  it('is the last Wednesday 10:00 UTC at or before now, never a later one', () => {
    const cases: Array<[string, string]> = [
      ['2026-12-07T05:47:00Z', '2026-12-02T10:00:00.000Z'], // Monday before the demo's 07:00 Paris wake
      ['2026-12-09T09:59:59Z', '2026-12-02T10:00:00.000Z'], // Wednesday, just before 10:00
      ['2026-12-09T10:00:00Z', '2026-12-09T10:00:00.000Z'], // exactly then
      ['2026-12-11T16:30:00Z', '2026-12-09T10:00:00.000Z'], // Friday before the 18:00 Paris sleep
      ['2027-01-01T00:00:00Z', '2026-12-30T10:00:00.000Z'], // across a year
    ];
    for (const [now, expected] of cases) {
      const start = lastWednesdayMorning(Date.parse(now));
      assert.equal(new Date(start).toISOString(), expected, now);
      assert.equal(new Date(start).getUTCDay(), 3, now);
    }
  });

  it('keeps a start time the caller chose', () => {
    assert.equal(fixEmulatorStartTime({ S2Z_EMULATOR_START_TIME: '2027-03-03T12:00:00Z' }), '2027-03-03T12:00:00Z');
    const env: Record<string, string | undefined> = {};
    assert.match(fixEmulatorStartTime(env), /^\d{4}-\d\d-\d\dT10:00:00\.000Z$/);
    assert.equal(new Date(env.S2Z_EMULATOR_START_TIME!).getUTCDay(), 3);
  });
});
