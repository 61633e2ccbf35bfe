import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { startEmulator, type RunningEmulatorInternals as RunningEmulator } from '../src/server';
import { credentials, errorOf } from './harness';

const trust = (service: string | string[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const permissions = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sagemaker:UpdateInferenceComponentRuntimeConfig', Resource: 'arn:aws:sagemaker:us-east-1:123456789012:inference-component/ic' }],
});

describe('emulator: IAM roles (awsQuery, XML)', () => {
  let emulator: RunningEmulator;
  let iam: IAMClient;
  beforeEach(async () => {
    emulator = await startEmulator({ timeScale: 0, scenario: 'empty', credentials, startTime: Date.UTC(2025, 2, 26, 12) });
    iam = new IAMClient({ endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  });
  afterEach(async () => {
    iam.destroy();
    await emulator.close();
  });

  it('creates a role with its tags, reads it back, and lists it with the trust policy URL-encoded as IAM does', async () => {
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: 'SchedulerRole', Path: '/service-role/', AssumeRolePolicyDocument: trust('scheduler.amazonaws.com'), Description: 'For Scheduler', Tags: [{ Key: 's2z:plan-run', Value: 'run-1' }] }),
    );
    assert.equal(created.Role?.Arn, 'arn:aws:iam::123456789012:role/service-role/SchedulerRole');
    assert.match(created.Role?.RoleId ?? '', /^AROA[A-Z2-7]{17}$/);
    assert.equal(created.Role?.CreateDate?.toISOString(), '2025-03-26T12:00:00.000Z');
    const read = await iam.send(new GetRoleCommand({ RoleName: 'SchedulerRole' }));
    assert.deepEqual(read.Role?.Tags, [{ Key: 's2z:plan-run', Value: 'run-1' }]);
    assert.equal(read.Role?.Description, 'For Scheduler');
    assert.equal(read.Role?.MaxSessionDuration, 3600);
    // The SDK does not decode the document: it arrives URL-encoded, as from AWS.
    assert.equal(read.Role?.AssumeRolePolicyDocument, encodeURIComponent(trust('scheduler.amazonaws.com')));
    const listed = await iam.send(new ListRolesCommand({}));
    assert.deepEqual(listed.Roles?.map((role) => [role.RoleName, role.Path, decodeURIComponent(role.AssumeRolePolicyDocument ?? '')]), [
      ['SchedulerRole', '/service-role/', trust('scheduler.amazonaws.com')],
    ]);
    assert.equal(listed.IsTruncated, false);
    assert.equal(listed.Marker, undefined);
  });

  it('pages ListRoles with MaxItems, Marker and IsTruncated, in name order, and filters by PathPrefix', async () => {
    for (const name of ['delta', 'alpha', 'echo', 'charlie', 'bravo']) {
      await iam.send(new CreateRoleCommand({ RoleName: name, Path: name === 'echo' ? '/other/' : '/', AssumeRolePolicyDocument: trust('scheduler.amazonaws.com') }));
    }
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new ListRolesCommand({ MaxItems: 2, Marker: marker }));
      pages++;
      names.push(...(page.Roles ?? []).map((role) => role.RoleName!));
      assert.equal(page.IsTruncated, page.Marker !== undefined);
      marker = page.Marker;
    } while (marker);
    assert.deepEqual(names, ['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    assert.equal(pages, 3);
    const other = await iam.send(new ListRolesCommand({ PathPrefix: '/other/' }));
    assert.deepEqual(other.Roles?.map((role) => role.RoleName), ['echo']);
    const badMarker = await errorOf(() => iam.send(new ListRolesCommand({ Marker: '!!' })));
    // ListRoles models no InvalidInput: the common ValidationError.
    assert.equal(badMarker.name, 'ValidationError');
  });

  it('puts, reads, lists and deletes inline policies; a role with policies cannot be deleted (DeleteConflict)', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust(['scheduler.amazonaws.com', 'events.amazonaws.com']) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'copies', PolicyDocument: permissions }));
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: 'r' }))).PolicyNames, ['copies']);
    const policy = await iam.send(new GetRolePolicyCommand({ RoleName: 'r', PolicyName: 'copies' }));
    assert.equal(decodeURIComponent(policy.PolicyDocument ?? ''), permissions);
    const conflict = await errorOf(() => iam.send(new DeleteRoleCommand({ RoleName: 'r' })));
    assert.equal(conflict.name, 'DeleteConflictException');
    assert.equal(conflict.$metadata?.httpStatusCode, 409);
    assert.equal(conflict.message, 'Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'copies' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r' }));
    assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles ?? [], []);
  });

  it('answers with IAM\'s error codes: NoSuchEntity, EntityAlreadyExists, MalformedPolicyDocument, ValidationError', async () => {
    const missing = await errorOf(() => iam.send(new GetRoleCommand({ RoleName: 'nope' })));
    assert.equal(missing.name, 'NoSuchEntityException');
    assert.equal(missing.$metadata?.httpStatusCode, 404);
    assert.equal(missing.message, 'The role with name nope cannot be found.');
    for (const action of [
      () => iam.send(new DeleteRoleCommand({ RoleName: 'nope' })),
      () => iam.send(new PutRolePolicyCommand({ RoleName: 'nope', PolicyName: 'p', PolicyDocument: permissions })),
      () => iam.send(new DeleteRolePolicyCommand({ RoleName: 'nope', PolicyName: 'p' })),
    ]) {
      assert.equal((await errorOf(action)).name, 'NoSuchEntityException');
    }
    await iam.send(new CreateRoleCommand({ RoleName: 'Taken', AssumeRolePolicyDocument: trust('scheduler.amazonaws.com') }));
    const taken = await errorOf(() => iam.send(new CreateRoleCommand({ RoleName: 'taken', AssumeRolePolicyDocument: trust('scheduler.amazonaws.com') })));
    assert.equal(taken.name, 'EntityAlreadyExistsException');
    assert.equal(taken.$metadata?.httpStatusCode, 409);
    const noPolicy = await errorOf(() => iam.send(new DeleteRolePolicyCommand({ RoleName: 'Taken', PolicyName: 'p' })));
    assert.equal(noPolicy.message, 'The role policy with name p cannot be found.');
    for (const [document, kind] of [
      ['{not json', 'trust'],
      [JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }), 'trust'],
      [JSON.stringify({ Statement: [{ Effect: 'Maybe', Principal: { Service: 'x' }, Action: 'sts:AssumeRole' }] }), 'trust'],
      [JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'x' }, Action: 's:A', Resource: '*' }] }), 'permissions'],
    ] as const) {
      const error = await errorOf(() =>
        kind === 'trust'
          ? iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: document }))
          : iam.send(new PutRolePolicyCommand({ RoleName: 'Taken', PolicyName: 'p', PolicyDocument: document })),
      );
      assert.equal(error.name, 'MalformedPolicyDocumentException', document);
    }
    const tooLong = await errorOf(() => iam.send(new CreateRoleCommand({ RoleName: 'x'.repeat(65), AssumeRolePolicyDocument: trust('scheduler.amazonaws.com') })));
    assert.equal(tooLong.name, 'ValidationError');
    assert.match(tooLong.message, /^1 validation error detected: Value 'x{65}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64$/);
    const badName = await errorOf(() => iam.send(new CreateRoleCommand({ RoleName: 'has space', Path: 'no-slash', AssumeRolePolicyDocument: trust('scheduler.amazonaws.com') })));
    assert.equal(badName.name, 'ValidationError');
    assert.match(badName.message, /^2 validation errors detected: /);
    assert.match(badName.message, /at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    assert.match(badName.message, /at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });

  it('keeps roles in the state file across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-state-'));
    const stateFile = join(dir, 'state.json');
    try {
      const first = await startEmulator({ timeScale: 0, scenario: 'empty', credentials, stateFile });
      const client = new IAMClient({ endpoint: first.url, region: 'us-east-1', credentials, maxAttempts: 1 });
      await client.send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: trust('scheduler.amazonaws.com') }));
      await client.send(new PutRolePolicyCommand({ RoleName: 'kept', PolicyName: 'p', PolicyDocument: permissions }));
      client.destroy();
      await first.close();
      const second = await startEmulator({ timeScale: 0, scenario: 'empty', credentials, stateFile });
      const again = new IAMClient({ endpoint: second.url, region: 'us-east-1', credentials, maxAttempts: 1 });
      assert.deepEqual((await again.send(new ListRolePoliciesCommand({ RoleName: 'kept' }))).PolicyNames, ['p']);
      again.destroy();
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds the demo with the SageMaker execution role and a role that trusts EventBridge Scheduler', async () => {
    const demo = await startEmulator({ timeScale: 0, scenario: 'demo', credentials });
    const client = new IAMClient({ endpoint: demo.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      const roles = (await client.send(new ListRolesCommand({}))).Roles ?? [];
      const trusted = roles.map((role) => [role.RoleName, JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement[0].Principal.Service]);
      assert.deepEqual(trusted, [
        ['EmulatorSageMakerExecutionRole', 'sagemaker.amazonaws.com'],
        ['EmulatorSchedulerRole', 'scheduler.amazonaws.com'],
      ]);
    } finally {
      client.destroy();
      await demo.close();
    }
  });

  it('lets EventBridge Scheduler assume a new role only once IAM has propagated it, and never one that does not trust it', async () => {
    const scheduler = new SchedulerClient({ endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      const create = (name: string, roleArn: string) =>
        scheduler.send(new CreateScheduleCommand({
          Name: name,
          ScheduleExpression: 'cron(0 19 ? * MON-FRI *)',
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig', RoleArn: roleArn, Input: '{}' },
        }));
      const fresh = (await iam.send(new CreateRoleCommand({ RoleName: 'fresh', AssumeRolePolicyDocument: trust('scheduler.amazonaws.com') }))).Role!.Arn!;
      const other = (await iam.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: trust('sagemaker.amazonaws.com') }))).Role!.Arn!;
      const early = await errorOf(() => create('early', fresh));
      assert.equal(early.name, 'ValidationException');
      assert.equal(early.message, 'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.');
      emulator.advance(8);
      await create('later', fresh);
      assert.equal((await errorOf(() => create('untrusted', other))).name, 'ValidationException');
      // A role IAM does not know (another account's, say) is not checked.
      await create('elsewhere', 'arn:aws:iam::210987654321:role/Elsewhere');
    } finally {
      scheduler.destroy();
    }
  });

  it('answers boto3 (botocore parses the XML against the IAM service model)', async function () {
    this.timeout(30_000);
    assert.equal(spawnSync('python3', ['-c', 'import boto3']).status, 0, 'python3 with boto3 is needed to check the XML answers against botocore (pip install boto3)');
    const script = `
import boto3, json, sys, urllib.parse
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="${credentials.accessKeyId}", aws_secret_access_key="${credentials.secretAccessKey}")
doc = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "scheduler.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
role = iam.create_role(RoleName="boto", AssumeRolePolicyDocument=doc, Tags=[{"Key": "k", "Value": "v"}])["Role"]
iam.put_role_policy(RoleName="boto", PolicyName="p", PolicyDocument=json.dumps({"Statement": [{"Effect": "Allow", "Action": "s:A", "Resource": "*"}]}))
listed = iam.list_roles(MaxItems=1)
out = {"arn": role["Arn"], "created": role["CreateDate"].isoformat(), "tags": iam.get_role(RoleName="boto")["Role"]["Tags"], "listed": [r["RoleName"] for r in listed["Roles"]],
       "truncated": listed["IsTruncated"], "policies": iam.list_role_policies(RoleName="boto")["PolicyNames"],
       "document": urllib.parse.unquote(iam.get_role(RoleName="boto")["Role"]["AssumeRolePolicyDocument"]) if isinstance(iam.get_role(RoleName="boto")["Role"]["AssumeRolePolicyDocument"], str) else iam.get_role(RoleName="boto")["Role"]["AssumeRolePolicyDocument"]}
try:
    iam.delete_role(RoleName="boto")
except iam.exceptions.DeleteConflictException as error:
    out["conflict"] = error.response["Error"]["Code"]
iam.delete_role_policy(RoleName="boto", PolicyName="p")
iam.delete_role(RoleName="boto")
try:
    iam.get_role(RoleName="boto")
except iam.exceptions.NoSuchEntityException as error:
    out["missing"] = error.response["Error"]["Code"]
print(json.dumps(out))
`;
    // Asynchronously: the emulator answers from this process's event loop.
    const out = JSON.parse((await promisify(execFile)('python3', ['-c', script, emulator.url], { encoding: 'utf8' })).stdout) as Record<string, unknown>;
    assert.deepEqual(out, {
      arn: 'arn:aws:iam::123456789012:role/boto',
      created: '2025-03-26T12:00:00+00:00',
      tags: [{ Key: 'k', Value: 'v' }],
      listed: ['boto'],
      truncated: false,
      policies: ['p'],
      // botocore decodes the URL-encoded document into a dict, as it does for AWS's answers.
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      conflict: 'DeleteConflict',
      missing: 'NoSuchEntity',
    });
  });
});
