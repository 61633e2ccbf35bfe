// Checks every request the test suites sent to the emulator, as its recording mode wrote them
// (S2Z_EMULATOR_RECORD, packages/emulator/src/recording/requestRecorder.ts), against AWS's own service
// models from botocore (@s2z/service-models): the input shape of its operation with every constraint
// (required members, members the shape lacks, types, lengths, ranges, patterns, enums). It prints how
// many requests and operations it checked per suite, and fails naming the test, the operation, the
// member and the rule of each request the models refuse. `npm test` runs it after the suites.
//
//   node scripts/validate-recorded-requests.mjs integration=<dir> extension-host=<dir> [--may-be-empty unit=<dir>]
//
// A suite whose directory holds no request fails (the recording did not happen), unless it is marked
// --may-be-empty (the unit tests: a guard refuses every socket, so they send none). A test that sends a
// forbidden request on purpose declares it (test/support/deliberateViolations.ts, written beside the
// recording): that violation, from that test, is expected rather than refused, and a declaration no
// request matched fails the check.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** How each wire protocol carries timestamps once decoded: epoch seconds in JSON and CBOR, ISO 8601 in awsQuery forms. */
const timestampsByProtocol = { awsQuery: 'iso8601' };

function parseArguments(argv) {
  const suites = [];
  let mayBeEmpty = false;
  for (const argument of argv) {
    if (argument === '--may-be-empty') {
      mayBeEmpty = true;
      continue;
    }
    const equals = argument.indexOf('=');
    if (equals <= 0) throw new Error(`Expected <suite>=<recording directory>, got "${argument}".`);
    suites.push({ name: argument.slice(0, equals), directory: argument.slice(equals + 1), mayBeEmpty });
    mayBeEmpty = false;
  }
  if (suites.length === 0) throw new Error('Name at least one suite: <suite>=<recording directory>.');
  return suites;
}

/** Every recorded request of a directory (one JSONL file per process that ran an emulator). */
function readRecording(directory) {
  if (!existsSync(directory)) return [];
  const requests = [];
  for (const name of readdirSync(directory).filter((entry) => entry.startsWith('requests-') && entry.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(join(directory, name), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        requests.push(JSON.parse(line));
      } catch {
        // A process killed in the middle of a write leaves a cut last line: say so, do not stop.
        requests.push({ unreadable: `${name}:${index + 1}` });
      }
    });
  }
  return requests;
}

/** The violations tests declared they send on purpose, by their key; each with how many requests matched it. */
function readDeclarations(directory) {
  const file = join(directory, 'deliberate-violations.jsonl');
  const declarations = new Map();
  if (!existsSync(file)) return declarations;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const declared = JSON.parse(line);
    declarations.set(violationKey(declared.test, declared.service, declared.operation, declared.path, declared.rule), { declared, matched: 0 });
  }
  return declarations;
}

function violationKey(test, service, operation, path, rule) {
  return JSON.stringify([test, service, operation, path, rule]);
}

/** The violations of one recorded request, as { path, rule, message }. */
function violationsOf(request, validateInput) {
  if (request.unreadable) return [{ path: '', rule: 'recording', message: `line ${request.unreadable} of the recording is not JSON` }];
  if (request.undecodable !== undefined) return [{ path: '', rule: 'decode', message: `the request could not be read as ${request.operation}'s input: ${request.undecodable}` }];
  // awsQuery: form fields the decoding by the model's shape left out are members the shape lacks.
  const unread = (request.unreadFields ?? []).map((field) => ({ path: field, rule: 'unknown', message: `the form field ${field} is no member of ${request.operation}'s input` }));
  try {
    return [...unread, ...validateInput(request.service, request.operation, request.input ?? {}, { timestamps: timestampsByProtocol[request.protocol] ?? 'epoch-seconds', blobs: 'base64' })];
  } catch (error) {
    return [...unread, { path: '', rule: 'model', message: error instanceof Error ? error.message : String(error) }];
  }
}

function main() {
  const suites = parseArguments(process.argv.slice(2));
  const { validateInput, locateBotocore } = require('@s2z/service-models');
  const botocore = locateBotocore();
  console.log(`Requests the test suites sent, checked against AWS's service models (botocore ${botocore.version}):`);
  const problems = [];
  let failed = false;
  for (const suite of suites) {
    const requests = readRecording(suite.directory);
    const operations = new Set();
    const services = new Set();
    const broken = new Map();
    const declarations = readDeclarations(suite.directory);
    let brokenRequests = 0;
    let deliberate = 0;
    for (const request of requests) {
      if (request.service) {
        services.add(request.service);
        operations.add(`${request.service} ${request.operation}`);
      }
      const test = request.test ?? '(no test running: before the first test or after the last)';
      const violations = violationsOf(request, validateInput).filter((violation) => {
        const declared = declarations.get(violationKey(request.test, request.service, request.operation, violation.path, violation.rule));
        if (declared) declared.matched++;
        return !declared;
      });
      if (violations.length === 0) continue;
      brokenRequests++;
      for (const violation of violations) {
        const key = violationKey(test, request.service, request.operation, violation.path, violation.rule);
        const seen = broken.get(key);
        if (seen) seen.count++;
        else broken.set(key, { test, request, violation, count: 1 });
      }
    }
    const summary = `${requests.length} request${requests.length === 1 ? '' : 's'}, ${operations.size} operation${operations.size === 1 ? '' : 's'} of ${services.size} service${services.size === 1 ? '' : 's'}`;
    if (requests.length === 0 && !suite.mayBeEmpty) {
      failed = true;
      console.log(`  FAIL ${suite.name}: no request recorded in ${suite.directory} (did the suite run with S2Z_EMULATOR_RECORD set?)`);
      continue;
    }
    const unmatched = [...declarations.values()].filter(({ matched }) => matched === 0);
    for (const { matched } of declarations.values()) deliberate += matched;
    const note = requests.length === 0 ? ' (none sent: this suite refuses every socket)' : '';
    const notes = [
      deliberate ? `${deliberate} forbidden on purpose, as ${declarations.size} test${declarations.size === 1 ? '' : 's'} declared` : '',
      brokenRequests ? `${brokenRequests} refused by the models` : '',
      unmatched.length ? `${unmatched.length} declared violation${unmatched.length === 1 ? '' : 's'} never sent` : '',
    ].filter(Boolean);
    const ok = brokenRequests === 0 && unmatched.length === 0;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${suite.name}: ${summary}${note}${notes.length ? `; ${notes.join('; ')}` : ''}`);
    if (!ok) failed = true;
    for (const { declared } of unmatched) {
      console.log(`    declared but not sent: ${declared.test}: ${declared.service} ${declared.operation} ${declared.path} (${declared.rule})`);
    }
    for (const { test, request, violation, count } of broken.values()) problems.push({ suite: suite.name, test, request, violation, count });
    if (process.env.S2Z_DEBUG) console.log(`       ${[...operations].sort().join(', ')}`);
  }
  if (problems.length > 0) {
    console.log(`\nRequests the models refuse (${problems.length} distinct):`);
    for (const { suite, test, request, violation, count } of problems.slice(0, 50)) {
      console.log(`  ${suite} › ${test}\n    ${request.service} ${request.operation}: ${violation.path || '(the input)'} breaks "${violation.rule}": ${violation.message}${count > 1 ? ` (${count} times)` : ''}`);
    }
    if (problems.length > 50) console.log(`  … and ${problems.length - 50} more`);
  }
  process.exit(failed ? 1 : 0);
}

try {
  main();
} catch (error) {
  console.error(`Checking the recorded requests failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
