import { Simulation } from '../clock/simulation';
import { VirtualClock } from '../clock/virtualClock';
import { Emulator } from '../emulator';
import { type EmulatorLog } from '../emulatorLog';
import { type EmulatorCredentials } from '../http/authentication';
import { ServiceError } from '../http/serviceError';
import { type BigAccountOptions, type SeededNames } from '../scenarios/bigAccount';
import { demoRegions } from '../scenarios/demoRegions';
import { type ScenarioName } from '../scenarios/scenarios';
import { readStateFile, type SavedPartition, type SavedState, setAsideStateFile, StateFileWriter } from '../state/stateFile';
import { type EmulatorTimings } from '../timings';
import { createAccountService } from './accountService';
import { isKnownRegion, isOptInRegion } from './commercialRegions';
import { type EmulatedService, type RestJsonService } from '../services/service';
import { emptyIamState, type IamState } from '../iam/iamRecords';

/** An account besides the default one: its own world, reached by requests signed with its key pair. */
export interface AccountOptions {
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The regions it uses (opt-in ones among them are enabled); default the home region. */
  regions?: string[];
}

export interface WorldSettings {
  timeScale: number;
  scenario: ScenarioName;
  stateFile?: string;
  /** The default account's key pair; without it any key reaches the default account unchecked. */
  credentials?: EmulatorCredentials;
  timings: EmulatorTimings;
  /** The home region: the default account's first partition, where the scenario's original part lives. */
  region: string;
  accountId: string;
  /** The regions the default account uses (opt-in ones among them are enabled); the home region always is one. */
  regions?: string[];
  accounts?: AccountOptions[];
  startTime: number;
  log: EmulatorLog;
}

/** One account: its key pair (none for the default account), the regions it enabled and its partitions by region. */
interface Account {
  readonly accountId: string;
  readonly credentials?: EmulatorCredentials;
  /** The regions it was given (the home region among them). */
  readonly configured: readonly string[];
  /** The regions it uses or enabled: the configured ones, the scenario's, the state file's (opt-in ones are served only when listed here). */
  enabled: Set<string>;
  readonly partitions: Map<string, Emulator>;
  /** IAM is global: one for all its partitions. */
  readonly iam: { state: IamState };
}

/** Which partition a control request names (`?account=<id>&region=<code>`); absent: the default account, its home region. */
export interface PartitionSelection {
  accountId?: string;
  region?: string;
}

/**
 * The emulator's world: one virtual clock and event queue shared by every partition, and the
 * partitions themselves, one per account and region (each an `Emulator` with its own SageMaker,
 * auto scaling, CloudWatch, logs and scheduler state). It routes a request to the partition of its
 * SigV4 credential scope's region and of the account its access key belongs to, serves the 17 regions
 * AWS enables by default (a region's partition is made on its first request) and refuses an opt-in
 * region the account has not enabled as AWS does. It answers the Account service's ListRegions, and
 * keeps the state file (the home partition at the top level, as before; the others in `partitions`).
 */
export class EmulatorWorld {
  readonly clock: VirtualClock;
  readonly simulation: Simulation;
  /** The Account service (global): ListRegions. */
  readonly accountService: RestJsonService;
  private readonly accounts = new Map<string, Account>();
  private readonly byKey = new Map<string, Account>();
  private stateWriter: StateFileWriter | undefined;
  private stopped = false;

  constructor(readonly settings: WorldSettings) {
    let saved: SavedState | undefined;
    if (settings.stateFile) {
      try {
        saved = readStateFile(settings.stateFile);
      } catch (error) {
        // A corrupted or foreign file must not stop the emulator from starting (nor make every start fail).
        this.discardStateFile(error);
      }
    }
    this.clock = new VirtualClock(saved?.virtualNow ?? settings.startTime, settings.timeScale);
    this.simulation = new Simulation(this.clock, (error, label) =>
      settings.log('error', `Simulated event "${label}" failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    );
    this.accountService = createAccountService({ optInEnabled: (accountId, region) => this.accounts.get(accountId)?.enabled.has(region) ?? false });
    this.addAccount(settings.accountId, undefined, [settings.region, ...(settings.regions ?? [])]);
    for (const options of settings.accounts ?? []) {
      if (this.accounts.has(options.accountId)) throw new RangeError(`Account ${options.accountId} is given twice: each account needs its own id.`);
      if (options.accessKeyId === settings.credentials?.accessKeyId || this.byKey.has(options.accessKeyId)) {
        throw new RangeError(`The access key id ${options.accessKeyId} is given to two accounts: each account needs its own key pair.`);
      }
      const account = this.addAccount(options.accountId, { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }, options.regions ?? [settings.region]);
      this.byKey.set(options.accessKeyId, account);
    }
    let restored = false;
    if (saved) {
      try {
        this.restore(saved);
        restored = true;
        settings.log('info', `Restored state from ${settings.stateFile}`);
      } catch (error) {
        for (const account of this.accounts.values()) this.dropPartitions(account);
        this.discardStateFile(error);
      }
    }
    if (!restored) {
      for (const account of this.accounts.values()) this.build(account, account.accountId === settings.accountId ? settings.scenario : 'empty');
    }
    // The file exists from the start (then it follows the changes, debounced).
    if (settings.stateFile) {
      this.persist();
      this.stateWriter?.flush();
    }
  }

  /** The default account's home partition (the emulator before it served several regions). */
  get home(): Emulator {
    return this.partitionOf(this.defaultAccount(), this.settings.region);
  }

  /** Every service the world serves: the partitions' (by the home partition's instances) and Account's. */
  get services(): EmulatedService[] {
    return [...this.home.services, this.accountService];
  }

  /** The default account's partitions that exist, the home region first. */
  regions(): string[] {
    return this.regionsOf(this.settings.accountId);
  }

  /** An account's partitions that exist, the home region first, then by code. */
  regionsOf(accountId: string): string[] {
    const account = this.accounts.get(accountId);
    if (!account) return [];
    const others = [...account.partitions.keys()].filter((region) => region !== this.settings.region).sort();
    return [...(account.partitions.has(this.settings.region) ? [this.settings.region] : []), ...others];
  }

  /** Every account with its partitions and enabled regions (GET /__emulator/regions). */
  describe(): { accountId: string; regions: string[]; enabledOptInRegions: string[] }[] {
    return [...this.accounts.values()].map((account) => ({
      accountId: account.accountId,
      regions: this.regionsOf(account.accountId),
      enabledOptInRegions: [...account.enabled].filter(isOptInRegion).sort(),
    }));
  }

  /**
   * The key pair a request signed with `accessKeyId` is checked with: another account's own, or the
   * default account's (undefined: any key is accepted for the default account).
   */
  credentialsFor(accessKeyId: string | undefined): EmulatorCredentials | undefined {
    return (accessKeyId !== undefined ? this.byKey.get(accessKeyId)?.credentials : undefined) ?? this.settings.credentials;
  }

  /** The account a request signed with `accessKeyId` reaches: the one with that key, else the default one. */
  accountIdFor(accessKeyId: string | undefined): string {
    return (accessKeyId !== undefined ? this.byKey.get(accessKeyId)?.accountId : undefined) ?? this.settings.accountId;
  }

  /**
   * The partition serving a request of `accountId` signed for `region`: made now for a region AWS
   * enables by default; an opt-in region the account has not enabled, or a region AWS does not have,
   * is refused as AWS refuses a request to a region not enabled for the account (403
   * UnrecognizedClientException: docs/emulator.md, unconfirmed item 59).
   */
  partition(accountId: string, region: string): Emulator {
    const account = this.accounts.get(accountId);
    if (!account) throw new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
    const existing = account.partitions.get(region);
    if (existing) return existing;
    if (!this.serves(account, region)) throw new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
    return this.partitionOf(account, region);
  }

  /** The account's home partition, which answers its global services (IAM, Account). */
  homeOf(accountId: string): Emulator {
    return this.partition(accountId, this.settings.region);
  }

  /** The partition a control request names; throws a message for a selection that names none. */
  select(selection: PartitionSelection): Emulator {
    const accountId = selection.accountId ?? this.settings.accountId;
    const account = this.accounts.get(accountId);
    if (!account) throw new ServiceError('NotFound', `The emulator has no account ${accountId}: it has ${[...this.accounts.keys()].join(', ')}.`, 404);
    const region = selection.region ?? this.settings.region;
    if (!account.partitions.has(region) && !this.serves(account, region)) {
      throw new ServiceError(
        'NotFound',
        isKnownRegion(region)
          ? `Region ${region} is an opt-in region account ${accountId} has not enabled: start the emulator with it in regions to serve it.`
          : `${region} is not a region the emulator knows.`,
        404,
      );
    }
    return this.partition(accountId, region);
  }

  /**
   * Resets to a scenario: one partition when the selection names a region; else the whole account
   * (its other partitions dropped, the home one reset, the scenario's other regions made again).
   */
  reset(scenario: ScenarioName, selection: PartitionSelection = {}): void {
    if (selection.region !== undefined) {
      this.select(selection).reset(scenario);
      return;
    }
    const home = this.select(selection);
    const account = this.accounts.get(home.settings.accountId)!;
    this.simulation.catchUp();
    for (const [region, partition] of account.partitions) {
      if (region === this.settings.region) continue;
      partition.dispose();
      account.partitions.delete(region);
    }
    account.enabled = new Set(account.configured);
    home.reset(scenario);
    this.build(account, scenario);
    this.persist();
  }

  /** Adds a big, settled account's resources to one partition (the selection's region; default the home one). */
  seed(options: BigAccountOptions, selection: PartitionSelection = {}): SeededNames {
    return this.select(selection).seed(options);
  }

  /**
   * Marks the state changed: the state file, if one is configured, is written shortly after (once for
   * any number of changes in between, without holding the event loop) and on stop. Never throws: a
   * failed write is logged.
   */
  persist(): void {
    const path = this.settings.stateFile;
    if (!path || this.stopped) return;
    this.stateWriter ??= new StateFileWriter(
      path,
      () => this.savedState(),
      (error) => this.settings.log('error', `Could not write state file ${path}: ${error instanceof Error ? error.message : String(error)}`),
    );
    this.stateWriter.changed();
  }

  /** Stops every partition and the clock, and writes the state file one last time. */
  stop(): void {
    if (this.stopped) return;
    for (const account of this.accounts.values()) for (const partition of account.partitions.values()) partition.stop();
    this.simulation.stop();
    if (this.settings.stateFile) {
      this.persist();
      this.stateWriter?.flush();
    }
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private savedState(): SavedState {
    const home = this.home.savedState();
    const partitions: SavedPartition[] = [];
    for (const account of this.accounts.values()) {
      for (const [region, partition] of account.partitions) {
        if (account.accountId === this.settings.accountId && region === this.settings.region) continue;
        partitions.push(partition.savedState());
      }
    }
    return { version: 1, virtualNow: this.clock.now(), sagemaker: home.sagemaker, services: home.services, partitions };
  }

  /** Puts a saved state's partitions in place; throws when one cannot be restored. */
  private restore(saved: SavedState): void {
    const home = this.defaultAccount();
    this.partitionOf(home, this.settings.region, { accountId: home.accountId, region: this.settings.region, sagemaker: saved.sagemaker, services: saved.services });
    for (const partition of saved.partitions ?? []) {
      const account = this.accounts.get(partition.accountId);
      if (!account) {
        this.settings.log('warn', `The state file has account ${partition.accountId}, which this emulator was not given: its ${partition.region} resources are left out.`);
        continue;
      }
      account.enabled.add(partition.region);
      this.partitionOf(account, partition.region, partition);
    }
    // An account's home partition exists whatever the file holds (its global services live there).
    for (const account of this.accounts.values()) this.partitionOf(account, this.settings.region);
  }

  /** The account's partitions for a scenario: the home one, the scenario's other regions, then the regions it uses (empty). */
  private build(account: Account, scenario: ScenarioName): void {
    this.partitionOf(account, this.settings.region, undefined, scenario);
    if (scenario === 'demo') {
      for (const region of Object.keys(demoRegions)) {
        if (region === this.settings.region) continue;
        account.enabled.add(region);
        this.partitionOf(account, region, undefined, 'demo');
      }
    }
    for (const region of account.enabled) this.partitionOf(account, region);
  }

  private addAccount(accountId: string, credentials: EmulatorCredentials | undefined, regions: string[]): Account {
    if (!/^\d{12}$/.test(accountId)) throw new RangeError(`accountId must be 12 digits, not "${accountId}".`);
    for (const region of regions) {
      if (!isKnownRegion(region)) throw new RangeError(`${region} is not a commercial region the emulator serves (see docs/emulator.md, "Regions and accounts").`);
    }
    const account: Account = { accountId, credentials, configured: regions, enabled: new Set(regions), partitions: new Map(), iam: { state: emptyIamState() } };
    this.accounts.set(accountId, account);
    return account;
  }

  private defaultAccount(): Account {
    return this.accounts.get(this.settings.accountId)!;
  }

  /** AWS serves the regions enabled by default for every account, and the opt-in ones it enabled. */
  private serves(account: Account, region: string): boolean {
    return isKnownRegion(region) && (!isOptInRegion(region) || account.enabled.has(region));
  }

  /** The account's partition in `region`, made (restored from `saved`, or with `scenario`) when it does not exist yet. */
  private partitionOf(account: Account, region: string, saved?: SavedPartition, scenario: ScenarioName = 'empty'): Emulator {
    const existing = account.partitions.get(region);
    if (existing) return existing;
    const partition = new Emulator(
      { scenario, timings: this.settings.timings, region, accountId: account.accountId, log: this.settings.log },
      { simulation: this.simulation.scope(), home: region === this.settings.region, saved, changed: () => this.persist(), iam: account.iam },
    );
    account.partitions.set(region, partition);
    this.persist();
    return partition;
  }

  private dropPartitions(account: Account): void {
    for (const partition of account.partitions.values()) partition.dispose();
    account.partitions.clear();
  }

  /** Sets an unusable state file aside (kept for inspection) with a warning; the emulator starts from its scenario. */
  private discardStateFile(error: unknown): void {
    const path = this.settings.stateFile!;
    const reason = error instanceof Error ? error.message : String(error);
    const aside = setAsideStateFile(path);
    this.settings.log(
      'warn',
      `Ignoring the state file ${path}: ${reason.slice(0, 300)}. Starting from the "${this.settings.scenario}" scenario${aside ? `; the old file was kept as ${aside}` : ''}.`,
    );
  }
}
