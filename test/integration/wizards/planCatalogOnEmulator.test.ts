// The plan catalogue (test/support/planCatalog.ts) is built on a plain-data copy of the emulator's demo
// account so that the exporters' unit tests need no server. This proves the copy right: every wizard
// builds the same plans on the running emulator, its world set up by the plan runner, as on the copy.
import * as assert from 'node:assert/strict';
import { paginateListModels, DescribeModelCommand, paginateListEndpointConfigs, DescribeEndpointConfigCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { startEmulator, type RunningEmulator } from '@s2z/emulator';
import { AccountReader } from '../../../src/aws/accountReader';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { listSchedulerRoles } from '../../../src/aws/schedulerRoles';
import { createModelCatalog } from '../../../src/wizards/account/modelCatalog';
import { runPlan } from '../../../src/wizards/plans/planRunner';
import { type WizardEnvironment } from '../../../src/wizards/environment';
import { buildPlanCatalog, catalogNow, demoPlanCatalog, type CatalogEntry } from '../../support/planCatalog';

/** The same plan with the random part of scaling policy ARNs (a UUID the service chooses) blanked. */
const comparable = (entries: CatalogEntry[]) =>
  JSON.parse(JSON.stringify(entries).replace(/scalingPolicy:[0-9a-f-]{36}:/g, 'scalingPolicy:<id>:')) as CatalogEntry[];

describe('the plan catalogue on the emulator equals the catalogue on its plain-data copy of the demo account', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let clients: AwsClients;

  before(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'demo' });
    clients = await createClients({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' });
  });

  after(async () => {
    clients.destroy();
    await emulator.close();
  });

  it('builds every entry with the same plan on both', async () => {
    let reader: AccountReader | undefined;
    const onEmulator = await buildPlanCatalog({
      prepare: async (setup) => {
        emulator.reset('demo');
        if (setup.length > 0) {
          const run = await runPlan(clients, { title: 'catalogue world', steps: setup }, { wait: async (ms) => emulator.advance(ms / 1000) });
          assert.equal(run.status, 'succeeded', String(run.error));
        }
        reader = await AccountReader.create(clients, { now: () => new Date(emulator.now()) });
      },
      environment: (ui): WizardEnvironment => ({
        ui,
        reader: reader!,
        region: 'us-east-1',
        now: () => catalogNow,
        defaultTimeZone: 'Europe/Paris',
        models: createModelCatalog(clients.sageMaker as unknown as SageMakerClient, { paginateListModels, DescribeModelCommand, paginateListEndpointConfigs, DescribeEndpointConfigCommand }),
        listSchedulerRoles: (permission) => listSchedulerRoles(clients, { permission }),
      }),
    });
    const onCopy = await demoPlanCatalog();
    assert.deepEqual(onEmulator.map((entry) => entry.name), onCopy.map((entry) => entry.name));
    for (const [index, entry] of comparable(onEmulator).entries()) assert.deepEqual(entry, comparable(onCopy)[index], entry.name);
  });
});
