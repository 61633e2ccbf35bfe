import * as vscode from 'vscode';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { defaultRegion, environmentCredentialsPresent, isValidRegion, knownRegions, listProfiles, listSsoSessions } from '../../aws/profiles';
import { type Logger } from '../../logging/logger';
import { commandIds, configSection } from '../../workbench/ids';
import { showAwsError } from '../../workbench/awsErrorNotification';
import { type Choice, type UserInput } from '../../prompts/userInput';
import { type ActiveConnection, type ConnectionManager, type LocalEmulatorOptions } from './connectionManager';
import { plural } from '../../l10n/plural';
import { formatEventTime } from '../../timeDisplay/eventTime';
import { simulateFailureCommand } from './simulateFailureCommand';
import { configureSsoCommand, type ProfileChoice, type ProfileChoiceOptions, profileChoices, unusedSessionAdvice } from './profileChoices';

const environmentProfile = '$environment';
const regionMemoryKey = 'regionByProfile';

/**
 * What every connection command factory takes: the questions (VS Code's in the extension, a script in
 * the tests), the connections, the log, and the memento that remembers each profile's region.
 */
export interface ConnectionCommandContext {
  ui: UserInput;
  connections: ConnectionManager;
  logger: Logger;
  state: vscode.Memento;
}

/** What "Connect to AWS" takes: `{ profile: undefined, region }` means environment credentials. */
export interface AwsConnectArgs {
  profile?: string;
  region?: string;
}

/** Remembers the last connection in settings, so the next session reconnects the same way. */
async function remember(kind: 'localEmulator' | 'aws', profile?: string, region?: string): Promise<void> {
  const settings = vscode.workspace.getConfiguration(configSection);
  await settings.update('connection', kind, vscode.ConfigurationTarget.Global);
  if (kind === 'aws') {
    await settings.update('aws.profile', profile ?? '', vscode.ConfigurationTarget.Global);
    await settings.update('aws.region', region ?? '', vscode.ConfigurationTarget.Global);
  }
}

/** "Start Local Emulator": starts it (with its progress notification) and connects to it. */
export function connectLocalEmulatorCommand(context: ConnectionCommandContext): (options?: LocalEmulatorOptions) => Promise<ActiveConnection | undefined> {
  return async (options?: LocalEmulatorOptions) =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Starting the local SageMaker emulator…' },
      async () => {
        try {
          const active = await context.connections.connectLocalEmulator(options ?? {});
          await remember('localEmulator');
          return active;
        } catch (error) {
          const message = `The local emulator could not start: ${error instanceof Error ? error.message : String(error)}`;
          context.logger.error(message);
          void vscode.window.showErrorMessage(`${message} Check the port in the settings (sagemakerScaleToZero.emulator.port).`);
          return undefined;
        }
      },
    );
}

/** Asks the region, the profile's remembered (or configured) one first, and remembers the answer. */
async function pickRegion(context: ConnectionCommandContext, profile: string | undefined, current?: string): Promise<string | undefined> {
  const remembered = context.state.get<Record<string, string>>(regionMemoryKey, {});
  const suggested = current ?? remembered[profile ?? environmentProfile] ?? defaultRegion(profile, await listProfiles());
  const items = knownRegions.map((region) => ({
    label: region.code,
    description: region.name + (region.code === suggested ? ' (current)' : ''),
    value: region.code,
  }));
  if (suggested) items.sort((a, b) => Number(b.value === suggested) - Number(a.value === suggested));
  const region = await context.ui.pick({ title: `Region for ${profile ?? 'environment credentials'}`, placeholder: 'Which region are your endpoints in?', items });
  if (region) await context.state.update(regionMemoryKey, { ...remembered, [profile ?? environmentProfile]: region });
  return region;
}

/** Every profile and SSO session of the shared files, grouped for a picker (src/connection/ui/profileChoices.ts). */
async function choicesOfProfiles(options: Omit<ProfileChoiceOptions, 'environmentCredentials'>): Promise<Choice<ProfileChoice>[]> {
  const [profiles, sessions] = await Promise.all([listProfiles(), listSsoSessions()]);
  return profileChoices(profiles, sessions, { ...options, environmentCredentials: environmentCredentialsPresent() });
}

/** No profile at all: says how to make one, and offers the local emulator instead. */
async function offerEmulatorWithoutProfiles(context: ConnectionCommandContext): Promise<undefined> {
  const choice = await vscode.window.showWarningMessage(
    'No AWS profile was found in ~/.aws/config or ~/.aws/credentials. Run `aws configure sso` (or `aws configure`) in a terminal, then connect again, or try the local emulator.',
    'Start Local Emulator',
  );
  if (choice) await connectLocalEmulatorCommand(context)();
  return undefined;
}

/** An SSO session no profile uses was picked: what to run to make a profile for it (with a Copy button). */
function adviseUnusedSession(choice: Extract<ProfileChoice, { kind: 'ssoSessionWithoutProfile' }>): undefined {
  const copy = 'Copy Command';
  // Not awaited: the command ends (nothing to connect with) while the message stays up.
  void vscode.window.showInformationMessage(unusedSessionAdvice(choice), copy).then((answer) => (answer === copy ? vscode.env.clipboard.writeText(configureSsoCommand(choice.session)) : undefined));
  return undefined;
}

/**
 * Asks the AWS profile (or environment credentials), every profile grouped by SSO session and kind:
 * `{ profile }` once picked, undefined when the user dismissed it, picked an SSO session no profile
 * uses (it says what to run), or there is none (then it offers the local emulator instead).
 */
async function pickProfile(context: ConnectionCommandContext): Promise<{ profile: string | undefined } | undefined> {
  const items = await choicesOfProfiles({ includeUnusedSessions: true });
  if (!items.some((item) => item.value.kind !== 'ssoSessionWithoutProfile')) {
    // Only sessions without a profile: nothing to connect with yet; say what to run for the first one.
    const unused = items.find((item) => item.value.kind === 'ssoSessionWithoutProfile')?.value;
    return unused?.kind === 'ssoSessionWithoutProfile' ? adviseUnusedSession(unused) : offerEmulatorWithoutProfiles(context);
  }
  const picked = await context.ui.pick({ title: 'Connect to AWS', placeholder: 'Connect with which AWS profile?', items });
  if (picked === undefined) return undefined;
  if (picked.kind === 'ssoSessionWithoutProfile') return adviseUnusedSession(picked);
  return { profile: picked.kind === 'environment' ? undefined : picked.profile };
}

/**
 * Asks which profiles an all-regions scan covers (several may be picked; the connected one, `current`,
 * preselected): `{ profile }` per pick (undefined: environment credentials), undefined when dismissed
 * or nothing was picked. SSO sessions without a profile are not offered: there is nothing to scan with.
 */
export async function pickScanProfiles(context: Pick<ConnectionCommandContext, 'ui'>, current: { profile?: string } | undefined): Promise<{ profile: string | undefined }[] | undefined> {
  const items = await choicesOfProfiles({
    includeUnusedSessions: false,
    current: current ? (current.profile ? { profile: current.profile } : { environment: true }) : undefined,
  });
  if (items.length === 0) {
    void vscode.window.showWarningMessage('No AWS profile was found in ~/.aws/config or ~/.aws/credentials. Run `aws configure sso` (or `aws configure`) in a terminal, then scan again.');
    return undefined;
  }
  const picked = await context.ui.pickMany({ title: 'Scan All Regions', placeholder: 'Scan the regions of which AWS profiles? Each is scanned with its own credentials.', items });
  if (!picked || picked.length === 0) return undefined;
  return picked.flatMap((choice): { profile: string | undefined }[] => (choice.kind === 'profile' ? [{ profile: choice.profile }] : choice.kind === 'environment' ? [{ profile: undefined }] : []));
}

/** "Connect to AWS": asks what the arguments leave out (profile, region), connects and lists the endpoints. */
export function connectAwsCommand(context: ConnectionCommandContext): (args?: AwsConnectArgs) => Promise<ActiveConnection | undefined> {
  return async (args?: AwsConnectArgs) => {
    // `{ profile: undefined, region }` means environment credentials: only a missing key asks.
    const chosen = args && 'profile' in args ? { profile: args.profile } : await pickProfile(context);
    if (!chosen) return undefined;
    const { profile } = chosen;
    const region = args?.region ?? (await pickRegion(context, profile));
    if (!region) return undefined;
    if (!isValidRegion(region)) {
      void vscode.window.showErrorMessage(`"${region}" is not an AWS region code: use one such as us-east-1.`);
      return undefined;
    }
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Connecting to ${profile ?? 'AWS'} in ${region}…` }, async () => {
      try {
        const active = await context.connections.connectAws(profile, region);
        await active.inventory.refresh({ full: true });
        await remember('aws', profile, region);
        return active;
      } catch (error) {
        const described = describeAwsError(error, { action: 'List endpoints', profile, region });
        context.logger.error(described.message);
        await showAwsError(described);
        return undefined;
      }
    });
  };
}

/** "Connect": asks local emulator or AWS account, then connects that way. */
export function connectCommand(context: ConnectionCommandContext): () => Promise<ActiveConnection | undefined> {
  return async () => {
    const choice = await context.ui.pick({
      title: 'Connect SageMaker Scale to Zero',
      placeholder: 'Connect to which account: the local emulator or AWS?',
      items: [
        { label: '$(vm) Local emulator', description: 'A demo account on this machine, no AWS needed', value: 'local' as const },
        { label: '$(cloud) AWS account', description: 'Through a profile of ~/.aws/config (SSO, roles, keys)', value: 'aws' as const },
      ],
    });
    if (choice === 'local') return connectLocalEmulatorCommand(context)();
    if (choice === 'aws') return connectAwsCommand(context)();
    return undefined;
  };
}

/** "Select Region": another region for the AWS profile in use (connects to AWS first when not connected there). */
export function selectRegionCommand(context: ConnectionCommandContext): () => Promise<ActiveConnection | undefined> {
  return async () => {
    const active = context.connections.current;
    if (!active || active.connection.kind !== 'aws') return connectAwsCommand(context)();
    const region = await pickRegion(context, active.connection.profile, active.connection.region);
    return region ? connectAwsCommand(context)({ profile: active.connection.profile, region }) : undefined;
  };
}

/** "Advance Emulator Clock": skips simulated minutes on the local emulator; returns its new time (ms). */
export function advanceEmulatorClockCommand(context: ConnectionCommandContext): (minutes?: number) => Promise<number | undefined> {
  return async (minutes?: number) => {
    const emulator = context.connections.current?.emulator;
    if (!emulator) {
      void vscode.window.showWarningMessage('Only the local emulator\'s clock can be moved: start the local emulator first.');
      return undefined;
    }
    let amount = minutes;
    if (amount === undefined) {
      const typed = await context.ui.input({
        title: 'Advance the local emulator\'s clock',
        prompt: 'Minutes of simulated time to skip. Idle copies scale in after about 15, instances are released about 10 later.',
        value: '15',
        validate: (value) => (/^\d+(\.\d+)?$/.test(value.trim()) && Number(value) > 0 && Number(value) <= 7 * 24 * 60 ? undefined : 'Enter a number of minutes between 0 and 10080 (a week).'),
      });
      if (typed === undefined) return undefined;
      amount = Number(typed.trim());
    }
    emulator.advance(amount * 60);
    context.logger.info(
      plural(amount, { one: 'Advanced the local emulator\'s clock by {count} minute; it is now {now}.', other: 'Advanced the local emulator\'s clock by {count} minutes; it is now {now}.' }, { now: formatEventTime(new Date(emulator.now())) }),
    );
    // A refresh that starts after the clock moved, not one already under way.
    await context.connections.current?.inventory.refreshAfterChange();
    return emulator.now();
  };
}

/** "Disconnect": closes the connection and forgets it, so the next session does not reconnect. */
export function disconnectCommand(context: ConnectionCommandContext): () => Promise<void> {
  return async () => {
    await context.connections.disconnect();
    await vscode.workspace.getConfiguration(configSection).update('connection', 'none', vscode.ConfigurationTarget.Global);
  };
}

/** Registers the connection commands, each made by its factory from the context. */
export function registerConnectionCommands(context: ConnectionCommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.connect, connectCommand(context)),
    vscode.commands.registerCommand(commandIds.connectLocalEmulator, connectLocalEmulatorCommand(context)),
    vscode.commands.registerCommand(commandIds.connectAws, connectAwsCommand(context)),
    vscode.commands.registerCommand(commandIds.selectRegion, selectRegionCommand(context)),
    vscode.commands.registerCommand(commandIds.advanceEmulatorClock, advanceEmulatorClockCommand(context)),
    vscode.commands.registerCommand(commandIds.simulateFailure, simulateFailureCommand(context)),
    vscode.commands.registerCommand(commandIds.disconnect, disconnectCommand(context)),
  ];
}
