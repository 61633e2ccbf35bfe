// The peer comparison's requests checked against AWS's service models (botocore's data folder, read by
// bench/lib/validate_requests.py with every constraint kind): a probe may call a refusal "wrong" only
// if the request it sent is one the model accepts. Without Python or botocore the check is skipped and
// the result says why.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const script = join(__dirname, 'validate_requests.py');

/** Plain JSON of a request's input as botocore reads it: dates as ISO text, bytes as text. */
function plain(params) {
  return JSON.parse(JSON.stringify(params, (_key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value)));
}

/**
 * @param requests [{ service, operation, params }]
 * @returns { botocore, checked, operations, violations: [{ index, operation, violations }], uncheckedPatterns } or { skipped }
 */
function checkAgainstModels(requests) {
  const input = JSON.stringify(requests.map((request) => ({ ...request, params: plain(request.params) })));
  const run = spawnSync('python3', [script], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) return { skipped: `python3 could not be run (${run.error.message})` };
  if (run.status !== 0) {
    const last = run.stderr.trim().split('\n').at(-1) ?? '';
    return { skipped: /No module named 'botocore'/.test(last) ? 'botocore is not installed (pip install botocore)' : `the model check failed: ${last}` };
  }
  const answer = JSON.parse(run.stdout);
  const violations = answer.results.flatMap((result, index) => (result.violations.length > 0 ? [{ index, operation: `${requests[index].service} ${requests[index].operation}`, violations: result.violations }] : []));
  return {
    botocore: answer.botocore,
    checked: requests.length,
    operations: new Set(requests.map((request) => `${request.service} ${request.operation}`)).size,
    violations,
    uncheckedPatterns: answer.uncheckedPatterns,
  };
}

module.exports = { checkAgainstModels };
