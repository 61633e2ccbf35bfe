import * as assert from 'node:assert/strict';
import { checkCopyFit, describeCopyFit, type FitInput, mostCopies } from '../../../src/wizards/addInferenceComponent/copyFit';

const gpu = (memoryMb: number, accelerators = 1, cpuCores = 2) => ({ accelerators, memoryMb, cpuCores });

/** An ml.g5.12xlarge endpoint (48 vCPUs, 192 GiB, 4 GPUs) with managed instance scaling 0–`max` and `running` instances. */
const g5x12 = (running: number, max: number): FitInput['variant'] => ({
  instanceType: 'ml.g5.12xlarge',
  currentInstanceCount: running,
  managedScaling: { enabled: true, min: 0, max },
});

describe('The fit check of a new inference component beside the others', () => {
  it('fits: the new copies find room on the running instance beside the other component', () => {
    const fit = checkCopyFit({ variant: g5x12(1, 2), others: [{ name: 'llama', compute: gpu(24576, 2), copies: 1 }], compute: gpu(16384), copies: 2 });
    assert.deepEqual(fit, { kind: 'fits', copies: 2, running: 1, onRunning: 2 });
    assert.equal(describeCopyFit(fit), '2 copies fit on the 1 instance running now, beside the components already there.');
    assert.equal(describeCopyFit({ ...fit, copies: 1, onRunning: 1 }), '1 copy fits on the 1 instance running now, beside the components already there.');
  });

  it('needs a new instance: the other component holds the only GPU, and says what the new instance costs an hour', () => {
    const fit = checkCopyFit({
      variant: { instanceType: 'ml.g5.2xlarge', currentInstanceCount: 1, managedScaling: { enabled: true, min: 0, max: 2 } },
      others: [{ name: 'llama', compute: gpu(24576), copies: 1 }],
      compute: gpu(4096, 1, 1),
      copies: 1,
    });
    assert.equal(fit.kind, 'newInstances');
    assert.deepEqual(fit, { kind: 'newInstances', copies: 1, running: 1, onRunning: 0, newInstances: 1, instanceType: 'ml.g5.2xlarge', maxInstances: 2, hourlyUsd: 1.52 });
    assert.match(describeCopyFit(fit), /No room on the 1 instance running now: the copy needs 1 new ml\.g5\.2xlarge \(managed instance scaling starts it, up to 2\), ≈ \$1\.52\/h more/);
  });

  it('needs new instances for the copies the running ones cannot hold, counted per instance, with the user\'s price', () => {
    const fit = checkCopyFit({ variant: g5x12(1, 4), others: [{ name: 'a', compute: gpu(8192, 3), copies: 1 }], compute: gpu(8192, 2), copies: 5, priceOverrides: { 'ml.g5.12xlarge': 5 } });
    // The running instance has 1 GPU left: no copy of 2 GPUs; 5 copies at 2 per instance need 3 more.
    assert.deepEqual(fit, { kind: 'newInstances', copies: 5, running: 1, onRunning: 0, newInstances: 3, instanceType: 'ml.g5.12xlarge', maxInstances: 4, hourlyUsd: 15 });
    assert.match(describeCopyFit(fit), /^No room on the 1 instance running now: the 5 copies need 3 new ml\.g5\.12xlarge \(managed instance scaling starts them, up to 4\), ≈ \$15\.00\/h more while they run\.$/);
    const partly = checkCopyFit({ variant: g5x12(1, 2), others: [{ name: 'a', compute: gpu(8192, 2), copies: 1 }], compute: gpu(8192), copies: 3 });
    assert.match(describeCopyFit(partly), /^2 copies fit on the 1 instance running now; the other needs 1 new ml\.g5\.12xlarge/);
  });

  it('over MaxInstanceCount: says how many instances they would need and how many copies can be placed', () => {
    const input = { variant: g5x12(1, 2), others: [{ name: 'a', compute: gpu(8192, 4), copies: 1 }], compute: gpu(8192, 2), copies: 3 };
    const fit = checkCopyFit(input);
    assert.deepEqual(fit, { kind: 'overMax', copies: 3, running: 1, onRunning: 0, instancesNeeded: 3, maxInstances: 2, instanceType: 'ml.g5.12xlarge', mostCopies: 2 });
    assert.equal(describeCopyFit(fit), '3 copies need 3 instances of ml.g5.12xlarge, over MaxInstanceCount 2: at most 2 copies can be placed.');
    assert.equal(mostCopies(input), 2);
  });

  it('without managed instance scaling no instance is added: copies beyond the running ones are over the maximum', () => {
    const fit = checkCopyFit({ variant: { instanceType: 'ml.g5.12xlarge', currentInstanceCount: 1 }, others: [], compute: gpu(8192), copies: 5 });
    assert.equal(fit.kind, 'overMax');
    assert.equal(fit.kind === 'overMax' && fit.mostCopies, 4);
  });

  it('never fits: a copy needs more than an empty instance of the type has, and says which resource', () => {
    const fit = checkCopyFit({ variant: g5x12(1, 4), others: [], compute: gpu(8192, 8), copies: 1 });
    assert.deepEqual(fit, { kind: 'neverFits', copies: 1, instanceTypes: ['ml.g5.12xlarge'], short: '8 accelerators per copy (ml.g5.12xlarge has 4)' });
    assert.equal(describeCopyFit(fit), 'A copy never fits on ml.g5.12xlarge: it needs 8 accelerators per copy (ml.g5.12xlarge has 4).');
    assert.equal(mostCopies({ variant: g5x12(1, 4), others: [], compute: gpu(300_000) }), 0);
  });

  it('a cold endpoint (no instance running) needs a new instance even for one copy', () => {
    const fit = checkCopyFit({ variant: g5x12(0, 1), others: [{ name: 'sleeping', compute: gpu(8192), copies: 0 }], compute: gpu(8192), copies: 1 });
    assert.equal(fit.kind, 'newInstances');
    assert.match(describeCopyFit(fit), /^No instance runs now: the copy needs 1 new ml\.g5\.12xlarge/);
  });

  it('with instance pools: the running instances are counted per type, and a new one is the first type by priority that fits', () => {
    const variant: FitInput['variant'] = {
      instanceType: 'ml.g5.2xlarge',
      instancePools: [
        { instanceType: 'ml.g6.2xlarge', priority: 2, currentInstanceCount: 1 },
        { instanceType: 'ml.g5.2xlarge', priority: 1, currentInstanceCount: 0 },
      ],
      currentInstanceCount: 1,
      managedScaling: { enabled: true, min: 0, max: 3 },
    };
    // The running ml.g6.2xlarge (1 GPU, 32 GiB) holds one 16 GiB copy; the second needs an ml.g5.2xlarge.
    const fit = checkCopyFit({ variant, others: [], compute: gpu(16384), copies: 2 });
    assert.deepEqual({ kind: fit.kind, onRunning: fit.kind === 'newInstances' && fit.onRunning, type: fit.kind === 'newInstances' && fit.instanceType }, { kind: 'newInstances', onRunning: 1, type: 'ml.g5.2xlarge' });
  });
});
