// The real AWS SDK v3 clients the peer comparison sends through, one set per server. Configured as the
// extension configures its clients for the local emulator (src/aws/clients.ts: the region, the
// emulator's fixed key pair, the endpoint URL), except for retries: one attempt, so that every answer
// a server gives is the answer measured or probed, never a retry's.
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { IAMClient } from '@aws-sdk/client-iam';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { SchedulerClient } from '@aws-sdk/client-scheduler';

/** The key pair src/aws/connection.ts gives the emulator; moto accepts any. */
const credentials = { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' };

/** botocore's names of the services (its data/ folders), by SDK client. */
const botocoreNames = {
  SageMakerClient: 'sagemaker',
  SageMakerRuntimeClient: 'sagemaker-runtime',
  ApplicationAutoScalingClient: 'application-autoscaling',
  CloudWatchClient: 'cloudwatch',
  SchedulerClient: 'scheduler',
  IAMClient: 'iam',
};

/**
 * The clients for one server. `recorder`, when given, receives every request as it is sent:
 * `{ service (botocore's name), operation, params }`, the input the caller gave the command.
 */
export function peerClients(endpoint, { region = 'us-east-1', recorder } = {}) {
  const config = { region, endpoint, credentials, maxAttempts: 1 };
  const clients = {
    sageMaker: new SageMakerClient(config),
    runtime: new SageMakerRuntimeClient(config),
    autoScaling: new ApplicationAutoScalingClient(config),
    cloudWatch: new CloudWatchClient(config),
    scheduler: new SchedulerClient(config),
    iam: new IAMClient(config),
  };
  if (recorder) {
    for (const client of Object.values(clients)) {
      client.middlewareStack.add(
        (next, context) => (args) => {
          recorder({ service: botocoreNames[context.clientName], operation: context.commandName.replace(/Command$/, ''), params: args.input });
          return next(args);
        },
        { step: 'initialize', name: 'peerBenchRecorder' },
      );
    }
  }
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
