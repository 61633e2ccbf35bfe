// The five read tools of issue 21 in a real VS Code, called as an agent calls them (vscode.lm.invokeTool)
// on the demo emulator: each answer checked against the services' APIs; the tools listed only while
// connected (their `when` clause); malformed input and a call while disconnected refused in plain words;
// and no credential in any answer.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import * as vscode from 'vscode';
import { type AwsClients, createClients, loadSdk } from '../../src/aws/clients';
import { emulatorCredentials } from '../../src/aws/connection';
import { agentTools } from '../../src/agentTools/toolCatalog';
import { notConnectedMessage } from '../../src/agentTools/toolRunner';
import { type ExtensionApi } from '../../src/extension';
import { invokeTool, prepareTool } from './support/agentTools';
import { waitFor } from './support/waitFor';

const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';
const prefix = 'sagemakerScaleToZero_';

/** The tools package.json contributes, by name. */
function contributedTools(): string[] {
  const extension = vscode.extensions.getExtension(extensionId)!;
  const manifest = JSON.parse(readFileSync(join(extension.extensionPath, 'package.json'), 'utf8')) as { contributes: { languageModelTools: { name: string }[] } };
  return manifest.contributes.languageModelTools.map((tool) => tool.name);
}

const ourTools = () => vscode.lm.tools.filter((tool) => tool.name.startsWith(prefix)).map((tool) => tool.name);

describe('Agent read tools through vscode.lm.invokeTool (issue 21)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let clients: AwsClients;
  const answers: string[] = [];

  /** Calls a tool as an agent outside a chat does, and returns its text. */
  async function invoke(name: string, input: object): Promise<string> {
    const text = await invokeTool(`${prefix}${name}`, input);
    answers.push(text);
    return text;
  }

  /** What the rejection of a call said. */
  async function refusal(name: string, input: object): Promise<string> {
    try {
      await invoke(name, input);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      answers.push(message);
      return message;
    }
    assert.fail(`${name} ${JSON.stringify(input)} did not reject`);
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)!.activate();
    await vscode.commands.executeCommand('sagemakerScaleToZero.connectLocalEmulator', { timeScale: 0 });
    // The extension's clients come from its own SDK bundle: this module asks the APIs with clients of its own.
    clients = await createClients(api.connections.current!.connection);
  });

  after(async () => {
    clients?.destroy();
    if (api.connections.current) await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
  });

  it('lists the nine contributed tools while connected', async () => {
    const contributed = contributedTools();
    assert.equal(contributed.length, 9);
    await waitFor(() => ourTools().length === 9, 'the nine tools listed');
    assert.deepEqual([...ourTools()].sort(), [...contributed].sort());
  });

  it('listEndpoints: the endpoints and their components with the counts DescribeEndpoint and DescribeInferenceComponent return', async () => {
    const sdk = await loadSdk();
    const answer = await invoke('listEndpoints', {});
    assert.match(answer, /^Endpoints \(`local emulator at http/);
    const listed = await clients.sageMaker.send(new sdk.ListEndpointsCommand({}));
    assert.ok(listed.Endpoints!.length >= 3);
    for (const summary of listed.Endpoints!) {
      const endpoint = await clients.sageMaker.send(new sdk.DescribeEndpointCommand({ EndpointName: summary.EndpointName! }));
      const variant = endpoint.ProductionVariants![0];
      const block = answer.slice(answer.indexOf(`- \`${summary.EndpointName}\`:`));
      assert.ok(block.includes(`Instances ${variant.CurrentInstanceCount}/${variant.DesiredInstanceCount} (current/desired)`), `${summary.EndpointName} in:\n${answer}`);
    }
    const components = await clients.sageMaker.send(new sdk.ListInferenceComponentsCommand({}));
    for (const summary of components.InferenceComponents!) {
      const ic = await clients.sageMaker.send(new sdk.DescribeInferenceComponentCommand({ InferenceComponentName: summary.InferenceComponentName! }));
      const line = answer.split('\n').find((candidate) => candidate.includes(`\`${summary.InferenceComponentName}\`:`));
      assert.ok(line?.includes(`copies ${ic.RuntimeConfig!.CurrentCopyCount}/${ic.RuntimeConfig!.DesiredCopyCount} (current/desired)`), `${summary.InferenceComponentName} in:\n${answer}`);
    }
    const filtered = await invoke('listEndpoints', { nameContains: 'MISTRAL' });
    assert.match(filtered, /^1 of \d+ endpoints match\.$/m);
    assert.ok(filtered.includes('- `demo-always-on`:'));
  });

  it('getReadiness: the verdict, the failing checks with what to do, and an unknown endpoint named', async () => {
    const answer = await invoke('getReadiness', { endpointName: 'demo-always-on' });
    assert.match(answer, /✗ \*\*Not ready\*\*/);
    assert.match(answer, /To fix \(\d+\):/);
    assert.match(answer, /What to do: /);
    assert.match(answer, /Passing checks: \d+/);
    const unknown = await refusal('getReadiness', { endpointName: 'demo-nowhere' });
    assert.match(unknown, /no endpoint named demo-nowhere .*sagemakerScaleToZero_listEndpoints/);
  });

  it('getCost: the instances running now (DescribeEndpoint) at their price, and a total', async () => {
    const sdk = await loadSdk();
    const cold = await clients.sageMaker.send(new sdk.DescribeEndpointCommand({ EndpointName: 'demo-cold' }));
    assert.equal(cold.ProductionVariants![0].CurrentInstanceCount, 0);
    const answer = await invoke('getCost', { days: 2 });
    assert.match(answer, /^Cost over the last 2 days/);
    assert.match(answer, /- `demo-cold`\n {2}- Now: \$0\.00\/h: no instance is running/);
    assert.match(answer, /- `demo-scale-to-zero`\n {2}- Now: ≈ \$\d+\.\d\d\/h for 1 × ml\.g5\.2xlarge/);
    assert.match(answer, /\*\*Total\*\*: ≈ \$\d+\.\d\d\/h now for 2 running instances/);
  });

  it('getRecentWakes: no wake yet on the demo, and its wake alarm named (DescribeAlarms)', async () => {
    const sdk = await loadSdk();
    const alarms = await clients.cloudWatch.send(new sdk.DescribeAlarmsCommand({}));
    const wakeAlarm = alarms.MetricAlarms!.find((alarm) => alarm.MetricName === 'NoCapacityInvocationFailures' && alarm.Dimensions?.some((dimension) => dimension.Value === 'demo-llama3-8b'));
    assert.ok(wakeAlarm);
    const answer = await invoke('getRecentWakes', { inferenceComponentName: 'demo-llama3-8b', days: 3 });
    assert.match(answer, /No wake in the last 3 days/);
    assert.ok(answer.includes(`Its wake alarm is \`${wakeAlarm.AlarmName}\`.`), answer);
  });

  it('listSchedules: the weekend schedules with the expressions and zones GetSchedule returns', async () => {
    const answer = await invoke('listSchedules', {});
    for (const name of ['demo-llama3-8b-weekend-scale-to-zero', 'demo-llama3-8b-monday-scale-out']) {
      const schedule = await clients.scheduler.send(new GetScheduleCommand({ Name: name }));
      assert.ok(answer.includes(`Schedule \`${name}\``), name);
      assert.ok(answer.includes(`\`${schedule.ScheduleExpression}\` in \`${schedule.ScheduleExpressionTimezone}\`, enabled; next: `), `${name} in:\n${answer}`);
    }
    const none = await invoke('listSchedules', { inferenceComponentName: 'demo-mistral-7b' });
    assert.match(none, /has no schedule/);
    assert.match(none, /sagemakerScaleToZero_scheduleWeekendSleep/);
  });

  it('asks no confirmation before a read: only a progress line', async () => {
    for (const [name, input] of [['listEndpoints', {}], ['getReadiness', { endpointName: 'demo-cold' }], ['getCost', {}], ['getRecentWakes', { inferenceComponentName: 'demo-embeddings' }], ['listSchedules', {}]] as const) {
      const prepared = await prepareTool(`${prefix}${name}`, input);
      assert.equal(prepared.confirmation, undefined, name);
      assert.match(prepared.invocationMessage, /^(Listing|Reading) .*…$/, name);
    }
  });

  it('refuses malformed input in one plain sentence naming the field', async () => {
    assert.match(await refusal('getReadiness', { endpointName: 5 }), /The field "endpointName" must be the endpoint's name as a string, not the number 5\./);
    assert.match(await refusal('getRecentWakes', { inferenceComponentName: 'no spaces allowed' }), /The field "inferenceComponentName" is not a valid inference component name/);
    assert.match(await refusal('listEndpoints', { nameContains: 'x', limit: 3 }), /Unknown field "limit": this tool takes only "nameContains" and "state"\./);
    assert.match(await refusal('getCost', { days: 0 }), /The field "days" must be at least 1\./);
    for (const message of answers.slice(-4)) assert.doesNotMatch(message, /\n\s+at /, 'no stack trace');
  });

  it('says no credential in any answer', () => {
    const { accessKeyId, secretAccessKey } = emulatorCredentials();
    assert.ok(answers.length >= 10);
    for (const answer of answers) assert.ok(!answer.includes(accessKeyId) && !answer.includes(secretAccessKey), answer);
  });

  it('hides the tools after disconnecting, and a call then says it is not connected', async () => {
    const registered = agentTools.map((tool) => tool.name);
    assert.ok(registered.length >= 5);
    await vscode.commands.executeCommand('sagemakerScaleToZero.disconnect');
    // VS Code 1.100.3's extension host drops from vscode.lm.tools only the tools registered in it whose
    // `when` no longer holds (it diffs against its own registrations): the tools this build registers.
    await waitFor(() => !ourTools().some((name) => registered.includes(name)), `none of ${registered.join(', ')} listed (still: ${ourTools().join(', ')})`);
    const message = await refusal('listEndpoints', {});
    assert.ok(message.includes(notConnectedMessage), message);
  });
});
