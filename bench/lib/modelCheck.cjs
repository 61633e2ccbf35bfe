// The peer comparison's requests checked against AWS's service models, by @s2z/service-models (botocore's
// data folder on this machine, every constraint kind: the same oracle as the contract tests): a probe
// may call a refusal "wrong" only if the request it sent is one the model accepts. Without Python or
// botocore the check is skipped and the result says why.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const esbuild = require('esbuild');

let serviceModels;

/** @s2z/service-models, bundled from its TypeScript source (the bench runs without a prior build). */
function loadServiceModels() {
  if (!serviceModels) {
    const outfile = join(mkdtempSync(join(tmpdir(), 's2z-bench-models-')), 'service-models.cjs');
    esbuild.buildSync({
      entryPoints: [join(__dirname, '..', '..', 'packages', 'service-models', 'src', 'index.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile,
      logLevel: 'warning',
    });
    serviceModels = require(outfile);
  }
  return serviceModels;
}

/**
 * @param requests [{ service, operation, params }] (botocore's service names; params as the SDK takes them)
 * @returns { botocore, checked, operations, violations: [{ index, operation, violations: string[] }] } or { skipped }
 */
function checkAgainstModels(requests) {
  const models = loadServiceModels();
  let botocore;
  try {
    botocore = models.locateBotocore().version;
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
  const violations = requests.flatMap((request, index) => {
    const found = models.validateInput(request.service, request.operation, request.params);
    return found.length > 0 ? [{ index, operation: `${request.service} ${request.operation}`, violations: found.map((violation) => `${request.operation}: ${violation.message}`) }] : [];
  });
  return {
    botocore,
    checked: requests.length,
    operations: new Set(requests.map((request) => `${request.service} ${request.operation}`)).size,
    violations,
  };
}

module.exports = { checkAgainstModels };
