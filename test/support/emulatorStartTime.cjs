// The simulated time every test emulator starts at: the last Wednesday 10:00 UTC (S2Z_EMULATOR_START_TIME,
// read by startEmulator when no startTime is given, also inside the VS Code the extension-host and
// end-to-end suites start). The demo scenario carries EventBridge schedules (wake Mondays 07:00 Paris,
// sleep Fridays 18:00 Paris): a suite started on the real clock a few hours before those fired them in
// the middle of tests that idle the demo to cold. From a Wednesday morning no suite reaches either.
'use strict';

const dayMs = 24 * 3600 * 1000;

/** The last Wednesday 10:00 UTC at or before `now`, epoch ms. */
function lastWednesdayMorning(now = Date.now()) {
  const today = new Date(now);
  const daysSinceWednesday = (today.getUTCDay() + 7 - 3) % 7;
  const candidate = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - daysSinceWednesday, 10);
  return candidate > now ? candidate - 7 * dayMs : candidate;
}

/** Sets S2Z_EMULATOR_START_TIME for this process and its children, unless the caller chose one. */
function fixEmulatorStartTime(env = process.env) {
  if (!env.S2Z_EMULATOR_START_TIME) env.S2Z_EMULATOR_START_TIME = new Date(lastWednesdayMorning()).toISOString();
  return env.S2Z_EMULATOR_START_TIME;
}

module.exports = { lastWednesdayMorning, fixEmulatorStartTime };
