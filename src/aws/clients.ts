import { type Connection, emulatorCredentials } from './connection';
import { credentialProcessProvider } from './credentialProcess';
import { loadSdk, type Sdk } from './loadSdk';
import { credentialProcessOf } from './profiles';

export { loadSdk } from './loadSdk';

export interface AwsClients {
  sageMaker: InstanceType<Sdk['SageMakerClient']>;
  runtime: InstanceType<Sdk['SageMakerRuntimeClient']>;
  autoScaling: InstanceType<Sdk['ApplicationAutoScalingClient']>;
  cloudWatch: InstanceType<Sdk['CloudWatchClient']>;
  /** CloudWatch Logs: the containers' logs SageMaker writes (`/aws/sagemaker/Endpoints/...`, `/aws/sagemaker/InferenceComponents/...`). */
  logs: InstanceType<Sdk['CloudWatchLogsClient']>;
  scheduler: InstanceType<Sdk['SchedulerClient']>;
  /** AWS Account (a global service): which regions the account has enabled (`ListRegions`). */
  account: InstanceType<Sdk['AccountClient']>;
  /** IAM (a global service: on AWS the client reaches iam.amazonaws.com whatever the region). */
  iam: InstanceType<Sdk['IAMClient']>;
  destroy(): void;
}

/** A credentials provider the caller made once and shares between several sets of clients. */
export type CredentialsProvider = Awaited<ReturnType<typeof profileCredentials>>;

export interface CreateClientsOptions {
  /**
   * For an AWS connection: this provider instead of a new one for the profile. The all-regions scan
   * makes one provider per profile and gives it to every region's clients, so that the profile's
   * credentials are resolved once (an SSO token read once, a role assumed once) and never mixed with
   * another profile's.
   */
  credentials?: CredentialsProvider;
}

/**
 * Real AWS SDK v3 clients for a connection. For the local emulator only the endpoint and the fixed
 * credentials differ; the clients, their serialization and their signing are the ones used on AWS.
 */
export async function createClients(connection: Connection, options: CreateClientsOptions = {}): Promise<AwsClients> {
  const loaded = await loadSdk();
  // Adaptive retry absorbs throttling (a big account's describe calls hit the API rate limits) with a
  // client-side rate limiter, instead of surfacing ThrottlingException to the user.
  const retry = { maxAttempts: 5, retryMode: 'adaptive' as const };
  const common =
    connection.kind === 'localEmulator'
      ? { region: connection.region, endpoint: connection.endpoint, credentials: emulatorCredentials(), ...retry }
      : {
          region: connection.region,
          credentials: options.credentials ?? (await profileCredentials(loaded, connection.profile)),
          ...retry,
        };
  const clients = {
    sageMaker: new loaded.SageMakerClient(common),
    runtime: new loaded.SageMakerRuntimeClient(common),
    autoScaling: new loaded.ApplicationAutoScalingClient(common),
    cloudWatch: new loaded.CloudWatchClient(common),
    logs: new loaded.CloudWatchLogsClient(common),
    scheduler: new loaded.SchedulerClient(common),
    account: new loaded.AccountClient(common),
    iam: new loaded.IAMClient(common),
  };
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

/**
 * The credentials provider of an AWS profile: the SDK's provider chain, except for a profile whose
 * credentials come from its `credential_process`, which gets a provider whose failure names the
 * profile and the exit code rather than quoting the command line and its error output
 * (src/aws/credentialProcess.ts).
 */
export async function profileCredentials(loaded: Sdk, profile: string | undefined): Promise<ReturnType<Sdk['fromNodeProviderChain']> | ReturnType<typeof credentialProcessProvider>> {
  const processProfile = profile ? await credentialProcessOf(profile) : undefined;
  if (profile && processProfile) return credentialProcessProvider(profile, processProfile.command, { accountId: processProfile.accountId });
  return loaded.fromNodeProviderChain(profile ? { profile } : {});
}
