import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Mocha from 'mocha';

const root = join(__dirname, '..', '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the reporter's CommonJS helper, loaded as mocha loads it
const { labelRecordedRequests, currentTestFile } = require(join(root, 'test', 'support', 'requestLabels.cjs')) as {
  labelRecordedRequests(runner: Mocha.Runner, directory?: string): void;
  currentTestFile: string;
};

/** A root suite, as mocha makes one for a run (its title is no part of its tests' full titles). */
function rootSuiteOf(): Mocha.Suite {
  const suite = new Mocha.Suite('', new Mocha.Context());
  suite.root = true;
  return suite;
}

describe('the labels of the recorded requests (test/support/requestLabels.cjs)', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 's2z-labels-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('names the test or hook running in the label file the emulator reads, and nothing after the run', async () => {
    const seen: string[] = [];
    const label = () => seen.push(readFileSync(join(directory, currentTestFile), 'utf8'));
    const rootSuite = rootSuiteOf();
    const suite = Mocha.Suite.create(rootSuite, 'Explorer');
    suite.beforeAll('connect', () => label());
    suite.beforeEach(() => label());
    suite.addTest(new Mocha.Test('lists the endpoints', () => label()));
    suite.afterEach('clean up', () => label());
    suite.addTest(new Mocha.Test('deletes one', () => label()));
    const runner = new Mocha.Runner(rootSuite, { delay: false });
    labelRecordedRequests(runner, directory);
    await new Promise<void>((resolve) => runner.run(() => resolve()));
    assert.deepEqual(seen, [
      'Explorer "before all" hook: connect for "lists the endpoints"',
      'Explorer "before each" hook for "lists the endpoints"',
      // The test itself, after its hooks (mocha announces a test before its "before each" hooks).
      'Explorer lists the endpoints',
      'Explorer "after each" hook: clean up for "lists the endpoints"',
      'Explorer "before each" hook for "deletes one"',
      'Explorer deletes one',
      'Explorer "after each" hook: clean up for "deletes one"',
    ]);
    assert.equal(readFileSync(join(directory, currentTestFile), 'utf8'), '');
  });

  it('does nothing when the emulator does not record', async () => {
    const rootSuite = rootSuiteOf();
    rootSuite.addTest(new Mocha.Test('a test', () => undefined));
    const runner = new Mocha.Runner(rootSuite, { delay: false });
    labelRecordedRequests(runner, '');
    await new Promise<void>((resolve) => runner.run(() => resolve()));
    assert.equal(runner.listenerCount(Mocha.Runner.constants.EVENT_TEST_BEGIN), 0);
  });
});
