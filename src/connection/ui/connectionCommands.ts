import * as vscode from 'vscode';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { defaultRegion, environmentCredentialsPresent, isValidRegion, knownRegions, listProfiles } from '../../aws/profiles';
import { type Logger } from '../../logging/logger';
import { commandIds, configSection } from '../../workbench/ids';
import { showAwsError } from '../../workbench/awsErrorNotification';
import { type UserInput } from '../../prompts/userInput';
import { type ConnectionManager, type LocalEmulatorOptions } from './connectionManager';

const environmentProfile = '$environment';
const regionMemoryKey = 'regionByProfile';

export interface ConnectionCommandDependencies {
  connections: ConnectionManager;
  logger: Logger;
  prompter: () => UserInput;
  state: vscode.Memento;
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

export function registerConnectionCommands(deps: ConnectionCommandDependencies): vscode.Disposable[] {
  const { connections, logger } = deps;

  const connectLocal = async (options?: LocalEmulatorOptions) =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Starting the local SageMaker emulator…' },
      async () => {
        try {
          const active = await connections.connectLocalEmulator(options ?? {});
          await remember('localEmulator');
          return active;
        } catch (error) {
          const message = `The local emulator could not start: ${error instanceof Error ? error.message : String(error)}`;
          logger.error(message);
          void vscode.window.showErrorMessage(`${message} Check the port in the settings (sagemakerScaleToZero.emulator.port).`);
          return undefined;
        }
      },
    );

  const pickRegion = async (profile: string | undefined, current?: string): Promise<string | undefined> => {
    const remembered = deps.state.get<Record<string, string>>(regionMemoryKey, {});
    const suggested = current ?? remembered[profile ?? environmentProfile] ?? defaultRegion(profile, await listProfiles());
    const items = knownRegions.map((region) => ({
      label: region.code,
      description: region.name + (region.code === suggested ? ' (current)' : ''),
      value: region.code,
    }));
    if (suggested) items.sort((a, b) => Number(b.value === suggested) - Number(a.value === suggested));
    const region = await deps.prompter().pick({ title: `Region for ${profile ?? 'environment credentials'}`, placeholder: 'Pick the region of your endpoints', items });
    if (region) await deps.state.update(regionMemoryKey, { ...remembered, [profile ?? environmentProfile]: region });
    return region;
  };

  const connectAws = async (args?: { profile?: string; region?: string }) => {
    let profile = args?.profile;
    // `{ profile: undefined, region }` means environment credentials: only a missing key asks.
    if (!args || !('profile' in args)) {
      const profiles = await listProfiles();
      const items = profiles.map((candidate) => ({
        label: candidate.name,
        description: [candidate.kind === 'sso' ? 'SSO' : candidate.kind === 'assumeRole' ? 'assume role' : candidate.kind === 'credentialProcess' ? 'credential process' : candidate.kind === 'staticKeys' ? 'access keys' : candidate.kind, candidate.region].filter(Boolean).join(' · '),
        value: candidate.name,
      }));
      if (environmentCredentialsPresent()) items.unshift({ label: 'Environment credentials', description: 'AWS_ACCESS_KEY_ID from the environment', value: environmentProfile });
      if (items.length === 0) {
        const choice = await vscode.window.showWarningMessage(
          'No AWS profile was found in ~/.aws/config or ~/.aws/credentials. Run `aws configure sso` (or `aws configure`) in a terminal, then connect again, or try the local emulator.',
          'Start Local Emulator',
        );
        if (choice) await connectLocal();
        return undefined;
      }
      const picked = await deps.prompter().pick({ title: 'Connect to AWS', placeholder: 'Pick an AWS profile', items });
      if (picked === undefined) return undefined;
      profile = picked === environmentProfile ? undefined : picked;
    }
    const region = args?.region ?? (await pickRegion(profile));
    if (!region) return undefined;
    if (!isValidRegion(region)) {
      void vscode.window.showErrorMessage(`"${region}" is not an AWS region code: use one such as us-east-1.`);
      return undefined;
    }
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Connecting to ${profile ?? 'AWS'} in ${region}…` }, async () => {
      try {
        const active = await connections.connectAws(profile, region);
        await active.inventory.refresh({ full: true });
        await remember('aws', profile, region);
        return active;
      } catch (error) {
        const described = describeAwsError(error, { action: 'List endpoints', profile, region });
        logger.error(described.message);
        await showAwsError(described);
        return undefined;
      }
    });
  };

  return [
    vscode.commands.registerCommand(commandIds.connect, async () => {
      const choice = await deps.prompter().pick({
        title: 'Connect SageMaker Scale to Zero',
        items: [
          { label: '$(vm) Local emulator', description: 'A demo account on this machine, no AWS needed', value: 'local' as const },
          { label: '$(cloud) AWS account', description: 'Through a profile of ~/.aws/config (SSO, roles, keys)', value: 'aws' as const },
        ],
      });
      if (choice === 'local') return connectLocal();
      if (choice === 'aws') return connectAws();
      return undefined;
    }),
    vscode.commands.registerCommand(commandIds.connectLocalEmulator, (options?: LocalEmulatorOptions) => connectLocal(options)),
    vscode.commands.registerCommand(commandIds.connectAws, (args?: { profile?: string; region?: string }) => connectAws(args)),
    vscode.commands.registerCommand(commandIds.selectRegion, async () => {
      const active = connections.current;
      if (!active || active.connection.kind !== 'aws') return connectAws();
      const region = await pickRegion(active.connection.profile, active.connection.region);
      return region ? connectAws({ profile: active.connection.profile, region }) : undefined;
    }),
    vscode.commands.registerCommand(commandIds.advanceEmulatorClock, async (minutes?: number) => {
      const emulator = connections.current?.emulator;
      if (!emulator) {
        void vscode.window.showWarningMessage('Only the local emulator\'s clock can be moved: start the local emulator first.');
        return undefined;
      }
      let amount = minutes;
      if (amount === undefined) {
        const typed = await deps.prompter().input({
          title: 'Advance the local emulator\'s clock',
          prompt: 'Minutes of simulated time to skip. Idle copies scale in after about 15, instances are released about 10 later.',
          value: '15',
          validate: (value) => (/^\d+(\.\d+)?$/.test(value.trim()) && Number(value) > 0 && Number(value) <= 7 * 24 * 60 ? undefined : 'Enter a number of minutes between 0 and 10080 (a week).'),
        });
        if (typed === undefined) return undefined;
        amount = Number(typed.trim());
      }
      emulator.advance(amount * 60);
      logger.info(`Advanced the local emulator's clock by ${amount} minute(s); it is now ${new Date(emulator.now()).toISOString()}.`);
      await connections.current?.inventory.refresh();
      return emulator.now();
    }),
    vscode.commands.registerCommand(commandIds.disconnect, async () => {
      await connections.disconnect();
      await vscode.workspace.getConfiguration(configSection).update('connection', 'none', vscode.ConfigurationTarget.Global);
    }),
  ];
}
