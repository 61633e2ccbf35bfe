// The layers check (`npm run lint:layers`, .dependency-cruiser.cjs) really fails on a forbidden import:
// each probe below is written into the tree, cruised with the same configuration and the same API the
// command line uses, and must be reported under the rule it breaks. The probes are removed afterwards,
// even when a test fails, and any left over by an interrupted run are removed first.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';

const root = join(__dirname, '..', '..', '..');
const probePrefix = '__layersProbe';

interface Probe {
  /** Repository-relative path of the file to write (its folder must exist). */
  file: string;
  source: string;
  /** The rule that must report the probe's import. */
  rule: string;
}

/** A probe named `file` that imports `name` from `from` (and uses it, so the import is kept). */
function importing(file: string, name: string, from: string, rule: string): Probe {
  return { file, source: `import { ${name} } from '${from}';\nexport const probe = ${name};\n`, rule };
}

const probes: Probe[] = [
  {
    file: `src/readiness/${probePrefix}Vscode.ts`,
    source: "import * as vscode from 'vscode';\nexport const probe = vscode.version;\n",
    rule: 'vscode-only-in-ui',
  },
  importing(`src/playground/page/${probePrefix}Aws.ts`, 'loadSdk', '../../aws/clients', 'page-is-browser-only'),
  importing(`src/playground/page/${probePrefix}Node.ts`, 'readFileSync', 'node:fs', 'page-is-browser-only'),
  {
    // A built file (a dist/ path) is checked like any other.
    file: `src/playground/page/${probePrefix}Dist.ts`,
    source: "import '../../../packages/emulator/dist/index.js';\n",
    rule: 'page-is-browser-only',
  },
  importing(`src/logs/page/${probePrefix}Aws.ts`, 'loadSdk', '../../aws/clients', 'logs-page-is-browser-only'),
  importing(`src/logs/page/${probePrefix}Node.ts`, 'readFileSync', 'node:fs', 'logs-page-is-browser-only'),
  importing(`packages/emulator/src/${probePrefix}Extension.ts`, 'Inventory', '../../../src/explorer/inventory/inventory', 'packages-stand-alone'),
  importing(`src/resources/${probePrefix}Rules.ts`, 'firesOnSingleRequest', '../readiness/readiness', 'foundations-below-rules'),
  importing(`src/aws/${probePrefix}Teardown.ts`, 'describeTeardownStep', '../teardown/teardownPlan', 'foundations-below-rules'),
  importing(`src/lifecycle/${probePrefix}Aws.ts`, 'loadSdk', '../aws/clients', 'rules-only-on-resources'),
  importing(`src/playground/session/${probePrefix}Ui.ts`, 'ConnectionManager', '../../connection/ui/connectionManager', 'logic-not-on-ui'),
  importing(`src/explorer/ui/${probePrefix}Emulator.ts`, 'startEmulator', '@s2z/emulator', 'emulator-only-from-connection'),
  importing(`src/wizards/schedule/${probePrefix}Relative.ts`, 'parseScheduleExpression', '../../../packages/schedule-expressions/src/index', 'packages-by-name'),
  importing(`packages/emulator/src/${probePrefix}Relative.ts`, 'parseScheduleExpression', '../../schedule-expressions/src/index', 'packages-by-name-between-packages'),
  importing(`packages/schedule-expressions/src/${probePrefix}Package.ts`, 'instanceTypes', '@s2z/instance-types', 'small-packages-import-nothing'),
  importing(`src/wizards/account/${probePrefix}Sdk.ts`, 'SageMakerClient', '@aws-sdk/client-sagemaker', 'sdk-only-in-lazy-bundle'),
  // Not named by a forbidden rule: only the allow-lists catch these.
  importing(`src/logging/${probePrefix}Resources.ts`, 'copyCountDimension', '../resources/resourceSnapshots', 'not-in-allowed'),
  importing(`src/playground/session/${probePrefix}OtherFeature.ts`, 'Inventory', '../../explorer/inventory/inventory', 'not-in-allowed'),
  {
    file: `src/cost/${probePrefix}CycleA.ts`,
    source: `import { b } from './${probePrefix}CycleB';\nexport const a = () => b;\n`,
    rule: 'no-circular',
  },
];

/** Written with the probes, reported by none: the other half of the cycle (reported once, from its first file). */
const companions: Omit<Probe, 'rule'>[] = [
  {
    file: `src/cost/${probePrefix}CycleB.ts`,
    source: `import { a } from './${probePrefix}CycleA';\nexport const b = () => a;\n`,
  },
];

/** The folders `npm run lint:layers` cruises, read from package.json so the test checks the same tree. */
function lintedFolders(): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = manifest.scripts['lint:layers'].split(/\s+/);
  const folders = words.slice(words.indexOf('depcruise') + 1, words.indexOf('--config'));
  return folders.flatMap((folder) => {
    if (!folder.startsWith('packages/*/')) return [folder];
    const rest = folder.slice('packages/*/'.length);
    return readdirSync(join(root, 'packages'))
      .map((name) => `packages/${name}/${rest}`)
      .filter((path) => existsSync(join(root, path)));
  });
}

function removeProbes(): void {
  const folders = new Set([...probes, ...companions].map((probe) => probe.file.slice(0, probe.file.lastIndexOf('/'))));
  for (const folder of folders) {
    for (const name of readdirSync(join(root, folder))) {
      if (name.startsWith(probePrefix)) rmSync(join(root, folder, name), { force: true });
    }
  }
}

/** Cruises the given files or folders with .dependency-cruiser.cjs, as `depcruise` does. */
async function cruiseWithConfig(paths: string[]): Promise<ICruiseResult> {
  const { cruise } = await import('dependency-cruiser');
  const { default: extractDepcruiseOptions } = await import('dependency-cruiser/config-utl/extract-depcruise-options');
  const { default: extractTSConfig } = await import('dependency-cruiser/config-utl/extract-ts-config');
  const options: ICruiseOptions = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
  const tsConfigFile = join(root, 'tsconfig.json');
  const reported = await cruise(paths, { ...options, baseDir: root, tsConfig: { fileName: tsConfigFile } }, {}, { tsConfig: extractTSConfig(tsConfigFile) });
  assert.equal(typeof reported.output, 'object', 'cruise returns the result object');
  return reported.output as ICruiseResult;
}

const describeViolation = (violation: IViolation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`;

describe('layers (.dependency-cruiser.cjs)', function () {
  this.timeout(120_000);

  it('finds no violation in the real tree', async () => {
    const result = await cruiseWithConfig(lintedFolders());
    assert.ok(result.summary.totalCruised > 200, `cruised only ${result.summary.totalCruised} modules`);
    assert.deepEqual(result.summary.violations.map(describeViolation), []);
  });

  describe('reports each forbidden import under the rule it breaks', () => {
    let violations: IViolation[] = [];

    before(async () => {
      removeProbes();
      try {
        for (const probe of [...probes, ...companions]) writeFileSync(join(root, probe.file), probe.source);
        violations = (await cruiseWithConfig(probes.map((probe) => probe.file))).summary.violations;
      } finally {
        removeProbes();
      }
    });

    after(removeProbes);

    for (const probe of probes) {
      it(`${probe.file}: ${probe.rule}`, () => {
        const reported = violations.filter((violation) => violation.from === probe.file);
        assert.ok(
          reported.some((violation) => violation.rule.name === probe.rule && violation.rule.severity === 'error'),
          `expected ${probe.rule}, got ${JSON.stringify(reported.map(describeViolation))}`,
        );
      });
    }

    it('reports nothing but the probes in the folders the check covers', () => {
      // (The dist/ probe pulls in packages/emulator/dist, whose imports no rule allows: not a checked folder.)
      const checked = lintedFolders().map((folder) => `${folder}/`);
      const others = violations.filter((violation) => !violation.from.includes(probePrefix) && checked.some((folder) => violation.from.startsWith(folder)));
      assert.deepEqual(others.map(describeViolation), []);
    });

    it('leaves no probe behind', () => {
      for (const probe of [...probes, ...companions]) assert.equal(existsSync(join(root, probe.file)), false, probe.file);
    });
  });
});
