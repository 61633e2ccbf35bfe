/**
 * Watches the requests a scan target's clients send, through SDK middleware on every client the
 * scanner gets: how many are in flight (per region and over the target), and the access key id each
 * was signed with (read from its Authorization header, after signing). The secret is never read.
 */
import { type AwsClients } from '../../../src/aws/clients';
import { type ScanTargetSource } from '../../../src/regions/scan/regionScanner';

export interface SentRequest {
  region: string;
  /** The SigV4 credential scope's region and service, and the key id, from the Authorization header. */
  scopeRegion?: string;
  service?: string;
  accessKeyId?: string;
  target?: string;
}

export class RequestProbe {
  readonly sent: SentRequest[] = [];
  private readonly inFlight = new Map<string, number>();
  /** The most requests in flight at once in each region. */
  readonly mostInFlight = new Map<string, number>();
  /** The most regions with a request in flight at once. */
  mostRegionsInFlight = 0;
  /** Clients handed out and destroyed. */
  made = 0;
  destroyed = 0;

  /** `source`, whose clients report to this probe. */
  watch(source: ScanTargetSource): ScanTargetSource {
    return {
      ...source,
      target: source.target,
      listRegions: (signal) => source.listRegions(signal),
      clientsFor: async (region) => {
        const clients = await source.clientsFor(region);
        this.made++;
        for (const client of [clients.sageMaker, clients.autoScaling, clients.cloudWatch, clients.account]) this.instrument(client, region);
        const destroy = clients.destroy.bind(clients);
        return {
          ...clients,
          destroy: () => {
            this.destroyed++;
            destroy();
          },
        } satisfies AwsClients;
      },
    };
  }

  private instrument(client: AwsClients['sageMaker'] | AwsClients['autoScaling'] | AwsClients['cloudWatch'] | AwsClients['account'], region: string): void {
    // After signing (finalizeRequest holds the retry and the signer): one count per HTTP attempt.
    (client.middlewareStack as { add(middleware: unknown, options: unknown): void }).add(
      (next: (args: unknown) => Promise<unknown>) => async (args: { request?: { headers?: Record<string, string> } }) => {
        const authorization = args.request?.headers?.authorization ?? '';
        const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(authorization);
        const target = args.request?.headers?.['x-amz-target'];
        this.sent.push({ region, accessKeyId: scope?.[1], scopeRegion: scope?.[2], service: scope?.[3], ...(target ? { target } : {}) });
        this.enter(region);
        try {
          return await next(args);
        } finally {
          this.leave(region);
        }
      },
      { step: 'deserialize', name: 'scanRequestProbe', priority: 'low' },
    );
  }

  private enter(region: string): void {
    const now = (this.inFlight.get(region) ?? 0) + 1;
    this.inFlight.set(region, now);
    this.mostInFlight.set(region, Math.max(this.mostInFlight.get(region) ?? 0, now));
    const regions = [...this.inFlight.values()].filter((count) => count > 0).length;
    this.mostRegionsInFlight = Math.max(this.mostRegionsInFlight, regions);
  }

  private leave(region: string): void {
    this.inFlight.set(region, (this.inFlight.get(region) ?? 1) - 1);
  }
}
