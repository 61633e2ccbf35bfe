import * as assert from 'node:assert/strict';
import { DescribeScalingActivitiesCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeInferenceComponentCommand } from '@aws-sdk/client-sagemaker';
import { startScalingHarness, stopScalingHarness, type ScalingHarness } from './scalingHarness';

/*
 * The demo's demo-llama3-8b has an idle timeout of 15 minutes (its idle alarm counts the requests,
 * served or refused, with FILL(…, 0) over 30 quiet periods). The scenario records a request shortly
 * before its start, so the component looks used a moment ago: warm for the 15 minutes, then asleep.
 * Without that request FILL counts the quiet periods before the alarm existed and the component
 * sleeps at the alarm's first evaluation.
 */
describe('emulator: the demo component sleeps after its idle timeout of 15 minutes', () => {
  let h: ScalingHarness | undefined;
  afterEach(() => stopScalingHarness(h));

  const runtime = async (name: string) => {
    const config = (await h!.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name }))).RuntimeConfig;
    return { DesiredCopyCount: config?.DesiredCopyCount, CurrentCopyCount: config?.CurrentCopyCount };
  };

  // The extension starts the emulator at the wall clock's time: any second of a minute.
  for (const offsetSeconds of [0, 12, 29, 31, 59]) {
    it(`is warm at 14 minutes and asleep by 17, starting ${offsetSeconds} s past a minute`, async () => {
      h = await startScalingHarness({ scenario: 'demo', startTime: Date.UTC(2025, 0, 1) + offsetSeconds * 1000 });
      const start = h.emulator.now();
      h.emulator.advance(14 * 60);
      assert.deepEqual(await runtime('demo-llama3-8b'), { DesiredCopyCount: 1, CurrentCopyCount: 1 });
      h.emulator.advance(3 * 60);
      assert.deepEqual(await runtime('demo-llama3-8b'), { DesiredCopyCount: 0, CurrentCopyCount: 0 });
      // Put to sleep by the idle timeout, not by target tracking (its scale-in is disabled).
      const activities = (await h.aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker', ResourceId: 'inference-component/demo-llama3-8b' }))).ScalingActivities ?? [];
      assert.deepEqual(
        activities.map((activity) => [activity.Description, activity.Cause]),
        [['Setting desired copy count to 0.', 'monitor alarm demo-llama3-8b-idle-timeout in state ALARM triggered policy demo-llama3-8b-idle-scale-in-to-zero']],
      );
      assert.ok((activities[0].StartTime?.getTime() ?? 0) - start >= 14 * 60_000);
      // The always-on component keeps its copy.
      assert.equal((await runtime('demo-mistral-7b')).CurrentCopyCount, 1);
    });
  }

  it('goes to 0 copies about 15 minutes after the start, as docs/emulator.md says (measured on the emulator clock)', async () => {
    h = await startScalingHarness({ scenario: 'demo', startTime: Date.UTC(2025, 0, 1) + 17_000 });
    const start = h.emulator.now();
    let warm = 0;
    while ((await runtime('demo-llama3-8b')).CurrentCopyCount === 1 && warm < 30 * 60) {
      h.emulator.advance(10);
      warm += 10;
    }
    const minutes = (h.emulator.now() - start) / 60_000;
    assert.ok(minutes >= 14.5 && minutes <= 15.5, `0 copies after ${minutes} minutes`);
  });
});
