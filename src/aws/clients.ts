import { type Connection, emulatorCredentials } from './connection';
// A type-only import: erased from the bundle, so the SDK still loads only through loadSdk().
import type * as SdkModule from './sdk.js';

type Sdk = typeof SdkModule;

let sdk: Promise<Sdk> | undefined;

/** Loads the AWS SDK bundle once, on first use. */
export function loadSdk(): Promise<Sdk> {
  sdk ??= import('./sdk.js');
  return sdk;
}

export interface AwsClients {
  sageMaker: InstanceType<Sdk['SageMakerClient']>;
  runtime: InstanceType<Sdk['SageMakerRuntimeClient']>;
  autoScaling: InstanceType<Sdk['ApplicationAutoScalingClient']>;
  cloudWatch: InstanceType<Sdk['CloudWatchClient']>;
  scheduler: InstanceType<Sdk['SchedulerClient']>;
  destroy(): void;
}

/**
 * Real AWS SDK v3 clients for a connection. For the local emulator only the endpoint and the fixed
 * credentials differ; the clients, their serialization and their signing are the ones used on AWS.
 */
export async function createClients(connection: Connection): Promise<AwsClients> {
  const loaded = await loadSdk();
  // Adaptive retry absorbs throttling (a big account's describe calls hit the API rate limits) with a
  // client-side rate limiter, instead of surfacing ThrottlingException to the user.
  const retry = { maxAttempts: 5, retryMode: 'adaptive' as const };
  const common =
    connection.kind === 'localEmulator'
      ? { region: connection.region, endpoint: connection.endpoint, credentials: emulatorCredentials(), ...retry }
      : {
          region: connection.region,
          credentials: loaded.fromNodeProviderChain(connection.profile ? { profile: connection.profile } : {}),
          ...retry,
        };
  const clients = {
    sageMaker: new loaded.SageMakerClient(common),
    runtime: new loaded.SageMakerRuntimeClient(common),
    autoScaling: new loaded.ApplicationAutoScalingClient(common),
    cloudWatch: new loaded.CloudWatchClient(common),
    scheduler: new loaded.SchedulerClient(common),
  };
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
