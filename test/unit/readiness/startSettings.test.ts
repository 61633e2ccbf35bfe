import * as assert from 'node:assert/strict';
import { checkComponent } from '../../../src/readiness/readiness';
import { dataCacheCheck, expectedCopyStart, startupTimeoutsCheck } from '../../../src/readiness/startSettings';
import { type ComponentStartSettings } from '../../../src/resources/resourceSnapshots';
import { ic, readyScaling } from '../../support/accountFixtures';

const settings = (overrides: Partial<ComponentStartSettings> = {}): ComponentStartSettings => ({
  downloadTimeoutSeconds: 3600,
  healthCheckTimeoutSeconds: 3600,
  caching: true,
  ...overrides,
});

describe('readiness: an inference component\'s start settings (issue 17, item 4)', () => {
  it('expects an 8B copy to download for about 70 s and start for about 67 s, longer for a larger copy', () => {
    assert.deepEqual(expectedCopyStart(16_384), { downloadSeconds: 70, containerStartSeconds: 67, scale: 1 });
    assert.deepEqual(expectedCopyStart(4096), { downloadSeconds: 70, containerStartSeconds: 67, scale: 1 }, 'never below the reference');
    const large = expectedCopyStart(163_840);
    assert.deepEqual([large.downloadSeconds, large.containerStartSeconds], [700, 668]);
  });

  it('passes timeouts that leave room, saying what they are compared with', () => {
    const check = startupTimeoutsCheck(ic({ startSettings: settings() }));
    assert.equal(check?.status, 'pass');
    assert.equal(check?.reason, "Download 3600 s and health check 3600 s, above the 70 s and 67 s expected for an 8B model (AWS's measurement: 2.28 min for Llama 3.1 8B on ml.g5, half of it the download).");
  });

  it('warns when the health-check timeout is shorter than the container\'s expected start, with the numbers and the fix', () => {
    const check = startupTimeoutsCheck(ic({ startSettings: settings({ healthCheckTimeoutSeconds: 60 }) }));
    assert.equal(check?.status, 'warn');
    assert.match(check?.reason ?? '', /^ContainerStartupHealthCheckTimeoutInSeconds is 60 s, the container's start about 67 s \(expected for an 8B model/);
    assert.match(check?.reason ?? '', /a copy that takes longer fails, so a wake may never finish\.$/);
    assert.match(check?.fix ?? '', /at least 70 s \(download\) and 67 s \(health check\)/);
  });

  it('scales the expectation with the copy\'s memory: 600 s is short for a 160 GiB copy', () => {
    const large = ic({ compute: { memoryMb: 163_840, accelerators: 8 }, startSettings: settings({ downloadTimeoutSeconds: 600, healthCheckTimeoutSeconds: 900 }) });
    const check = startupTimeoutsCheck(large);
    assert.equal(check?.status, 'warn');
    assert.match(check?.reason ?? '', /^ModelDataDownloadTimeoutInSeconds is 600 s, the download about 700 s \(expected for a copy of 160 GiB/);
    assert.doesNotMatch(check?.reason ?? '', /ContainerStartup/, 'the 900 s health check leaves room for 668 s');
  });

  it('warns when caching is off on a component that scales to zero, with the wake seconds it costs', () => {
    const check = dataCacheCheck(ic({ startSettings: settings({ caching: false }) }), readyScaling());
    assert.equal(check?.status, 'warn');
    assert.match(check?.reason ?? '', /^EnableCaching is off: a wake before the idle instance is released .* downloads the image and model again, about 70 s more/);
    assert.match(check?.fix ?? '', /DataCacheConfig EnableCaching true/);
    assert.equal(dataCacheCheck(ic({ startSettings: settings() }), readyScaling())?.status, 'pass');
  });

  it('says nothing about caching for a component that keeps its copies, or whose settings were not read', () => {
    const keeps = readyScaling();
    keeps.target = { ...keeps.target!, minCapacity: 1 };
    assert.equal(dataCacheCheck(ic({ startSettings: settings({ caching: false }) }), keeps), undefined);
    assert.equal(dataCacheCheck(ic(), readyScaling()), undefined);
    assert.equal(startupTimeoutsCheck(ic()), undefined);
  });

  it('adds both checks to the component\'s verdict: warnings, not failures', () => {
    const result = checkComponent({ ic: ic({ startSettings: settings({ caching: false, healthCheckTimeoutSeconds: 60 }) }), scaling: readyScaling() });
    const notPassing = result.checks.filter((check) => check.status !== 'pass').map((check) => `${check.id}: ${check.status}`);
    assert.deepEqual(notPassing, ['startupTimeouts: warn', 'dataCache: warn']);
    assert.equal(result.verdict, 'warnings');
  });
});
