// Mocha reporter: the usual spec output, plus the run's counts written as JSON to the file named by
// S2Z_TEST_SUMMARY, so that `npm test` can add up every layer and print one closing line. Every suite
// uses it, so it also labels the requests the emulator records with the test running (requestLabels.cjs).
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');
const { labelRecordedRequests } = require('./requestLabels.cjs');

// Inside VS Code's extension host console.log goes to the workbench, not to a terminal: when
// S2Z_TEST_LOG names a file, the spec output is copied there too, for the runner to print.
if (process.env.S2Z_TEST_LOG) {
  const util = require('node:util');
  const consoleLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args) => {
    fs.appendFileSync(process.env.S2Z_TEST_LOG, `${util.format(...args)}\n`);
    consoleLog(...args);
  };
}

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    // The emulator's recording mode names the test behind each request (S2Z_EMULATOR_RECORD).
    labelRecordedRequests(runner);
    const failures = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error) => {
      failures.push({ title: test.fullTitle(), message: String(error && error.message) });
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.S2Z_TEST_SUMMARY;
      if (!file) return;
      const { passes, failures: failed, pending, tests } = runner.stats;
      const extra = (options && options.reporterOptions && options.reporterOptions.extra) || {};
      const summary = { passes, failures: failed, pending, tests, failed: failures, ...extra };
      fs.writeFileSync(file, JSON.stringify(summary, null, 2));
    });
  }
}

module.exports = SummaryReporter;
