// Which test sent each request the emulator records (its recording mode, S2Z_EMULATOR_RECORD=<directory>):
// as every test and hook starts, its full title is written to <directory>/current-test, which the
// emulator's recorder reads for each request it records (packages/emulator/src/recording/requestRecorder.ts,
// `currentTestFile`). A file works for all three suites that run the extension against an emulator: the
// integration tests (mocha and the emulators in one Node process), the extension-host tests (mocha inside
// VS Code's extension host, the extension's emulator there too) and the end-to-end tests (mocha in its own
// process, the emulator in code-server's extension host), and it needs no change to the extension or its
// SDK clients. Mocha's runner events are used rather than root hooks, so that requests sent from
// `before`/`after` hooks are named by their hook too. Without S2Z_EMULATOR_RECORD this does nothing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const currentTestFile = 'current-test';

/** Writes the label whole (a rename), so that the recorder never reads half of one. */
function writeLabel(directory, label) {
  const file = path.join(directory, currentTestFile);
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, label);
  fs.renameSync(partial, file);
}

/** Labels the requests recorded while `runner` runs with the title of the test or hook running. */
function labelRecordedRequests(runner, directory = process.env.S2Z_EMULATOR_RECORD) {
  if (!directory) return;
  fs.mkdirSync(directory, { recursive: true });
  const { EVENT_HOOK_BEGIN, EVENT_HOOK_END, EVENT_TEST_BEGIN, EVENT_TEST_END, EVENT_RUN_END } = Mocha.Runner.constants;
  // Mocha announces a test before its "before each" hooks run: the test's label comes back after each of them.
  let test;
  runner.on(EVENT_TEST_BEGIN, (started) => {
    test = started;
    writeLabel(directory, started.fullTitle());
  });
  runner.on(EVENT_HOOK_BEGIN, (hook) => writeLabel(directory, hook.fullTitle()));
  runner.on(EVENT_HOOK_END, () => {
    if (test) writeLabel(directory, test.fullTitle());
  });
  // Requests still arriving after a test (a refresh it started) keep its label until the next hook or test.
  runner.on(EVENT_TEST_END, () => {
    test = undefined;
  });
  // Requests after the run (an emulator still answering a refresh) are nobody's: no label.
  runner.once(EVENT_RUN_END, () => writeLabel(directory, ''));
}

module.exports = { labelRecordedRequests, currentTestFile };
