/**
 * What the scan covers: a connection the extension already has (the local emulator, or a profile),
 * or any AWS profile. Each target has its own credentials provider, made once and given only to that
 * target's clients: two profiles' credentials are never mixed, and an SSO token is read (or a role
 * assumed) once per scan, not once per region.
 */
import { type AwsClients, createClients, type CredentialsProvider, loadSdk, profileCredentials } from '../../aws/clients';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { type Connection } from '../../aws/connection';
import { defaultRegion, listProfiles } from '../../aws/profiles';
import { listEnabledRegions, TargetCredentialsError } from './enabledRegions';
import { type ScanTarget } from './regionScanModel';
import { type ScanTargetSource } from './regionScanner';

export const localEmulatorTarget: ScanTarget = { id: 'localEmulator', label: 'Local emulator', kind: 'localEmulator' };

export function profileTarget(profile: string | undefined): ScanTarget {
  return profile ? { id: `profile:${profile}`, label: profile, kind: 'aws', profile } : { id: 'environment', label: 'Environment credentials', kind: 'aws' };
}

/** Lists the regions with clients made for `region` (Account is global: the region only picks the partition). */
async function regionsWith(clients: AwsClients, signal: AbortSignal, profile?: string) {
  try {
    return await listEnabledRegions(clients, { signal, profile });
  } finally {
    clients.destroy();
  }
}

/** The local emulator: its fixed credentials and endpoint, in any region it serves. */
function emulatorScanTarget(connection: Extract<Connection, { kind: 'localEmulator' }>): ScanTargetSource {
  return {
    target: localEmulatorTarget,
    listRegions: async (signal) => regionsWith(await createClients(connection), signal),
    clientsFor: (region) => createClients({ ...connection, region }),
  };
}

/** An AWS profile (undefined: the environment's credentials, then the SDK's default chain). */
function awsScanTarget(profile: string | undefined, homeRegion: () => Promise<string>): ScanTargetSource {
  const target = profileTarget(profile);
  let provider: Promise<CredentialsProvider> | undefined;
  // One provider for the target, made on first use and shared by every region's clients.
  const credentials = () => (provider ??= loadSdk().then((sdk) => profileCredentials(sdk, profile)));
  const connection = (region: string): Connection => ({ kind: 'aws', profile, region });
  return {
    target,
    async listRegions(signal) {
      const resolve = await credentials();
      try {
        // Resolved once here: credentials that cannot be had (an expired SSO session, a missing profile) fail the target, not each region.
        await resolve();
      } catch (error) {
        throw new TargetCredentialsError(describeAwsError(error, { action: 'Scan', resource: profile ? `profile ${profile}` : 'with the environment credentials', profile }).message, error);
      }
      return regionsWith(await createClients(connection(await homeRegion()), { credentials: resolve }), signal, profile);
    },
    clientsFor: async (region) => createClients(connection(region), { credentials: await credentials() }),
  };
}

/** The target for a connection the extension already has (the emulator or a profile). */
export function connectionScanTarget(connection: Connection): ScanTargetSource {
  return connection.kind === 'localEmulator' ? emulatorScanTarget(connection) : awsScanTarget(connection.profile, () => Promise.resolve(connection.region));
}

/**
 * The target for one AWS profile (undefined: environment credentials): its own credential provider,
 * made once, used for its regions only. Its regions are listed from the profile's own region (which
 * picks the partition: aws, aws-cn, aws-us-gov), else us-east-1.
 */
export function profileScanTarget(profile: string | undefined): ScanTargetSource {
  return awsScanTarget(profile, async () => defaultRegion(profile, await listProfiles()) ?? 'us-east-1');
}
