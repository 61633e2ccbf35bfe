import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface BotocoreData {
  /** botocore's `data/` folder: one folder per service, one per API version, `service-2.json(.gz)` in each. */
  dataDir: string;
  version: string;
}

let located: BotocoreData | undefined;

/**
 * Finds botocore's service models on this machine: `S2Z_BOTOCORE_DATA` (a `data/` folder) when set,
 * else the botocore that `python3` imports. Throws a message that says what to install when neither
 * is there (`npm test` installs Debian's python3-botocore first, scripts/lib/tools.mjs).
 */
export function locateBotocore(): BotocoreData {
  if (located) return located;
  const override = process.env.S2Z_BOTOCORE_DATA;
  if (override) {
    if (!existsSync(join(override, 'sagemaker'))) throw new Error(`S2Z_BOTOCORE_DATA=${override} is not botocore's data folder (it has no sagemaker/ folder).`);
    located = { dataDir: override, version: 'S2Z_BOTOCORE_DATA' };
    return located;
  }
  const python = process.env.S2Z_PYTHON || 'python3';
  const probe = spawnSync(python, ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__)); print(botocore.__version__)'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(`AWS's service models come from botocore, but ${python} could not run (${probe.error.message}). Install Python 3 and botocore: sudo apt-get install python3-botocore (or pip install botocore).`);
  }
  if (probe.status !== 0) {
    throw new Error(`AWS's service models come from botocore, which ${python} cannot import. Install it: pip install botocore (or sudo apt-get install python3-botocore).`);
  }
  const [packageDir, version] = probe.stdout.trim().split('\n');
  located = { dataDir: join(packageDir, 'data'), version };
  return located;
}
