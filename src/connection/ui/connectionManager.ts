import * as vscode from 'vscode';
import { AccountReader } from '../../aws/accountReader';
import { type AwsClients, createClients } from '../../aws/clients';
import { type Connection, describeConnection } from '../../aws/connection';
import { describeError, type Logger } from '../../logging/logger';
import { Inventory } from '../../explorer/inventory/inventory';
import type { RunningEmulator } from '@s2z/emulator';
import { configSection, contextKeys } from '../../workbench/ids';

export interface ActiveConnection {
  connection: Connection;
  clients: AwsClients;
  reader: AccountReader;
  inventory: Inventory;
  /** Set when the connection is the emulator this extension started. */
  emulator?: RunningEmulator;
}

export interface LocalEmulatorOptions {
  timeScale?: number;
  scenario?: 'demo' | 'empty';
  port?: number;
}

/**
 * Owns the one active connection: an AWS profile and region, or the local emulator started inside
 * the extension host. Everything that talks to AWS gets its clients and inventory from here.
 */
export class ConnectionManager implements vscode.Disposable {
  private active: ActiveConnection | undefined;
  private readonly changed = new vscode.EventEmitter<ActiveConnection | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly logger: Logger) {}

  get current(): ActiveConnection | undefined {
    return this.active;
  }

  async connectLocalEmulator(options: LocalEmulatorOptions = {}): Promise<ActiveConnection> {
    const settings = vscode.workspace.getConfiguration(configSection);
    const timeScale = options.timeScale ?? settings.get<number>('emulator.timeScale', 30);
    const port = options.port ?? settings.get<number>('emulator.port', 0);
    await this.disconnect();
    const { startEmulator } = await import('@s2z/emulator');
    const emulator = await startEmulator({
      port,
      timeScale,
      scenario: options.scenario ?? 'demo',
      log: (level, message) => {
        if (level === 'error') this.logger.error(`Emulator: ${message}`);
        else this.logger.debug(`Emulator: ${message}`);
      },
    });
    this.logger.info(`Local emulator listening on ${emulator.url} (time scale ${timeScale}, scenario ${options.scenario ?? 'demo'}).`);
    return this.activate({ kind: 'localEmulator', endpoint: emulator.url, region: 'us-east-1' }, emulator);
  }

  async connectAws(profile: string | undefined, region: string): Promise<ActiveConnection> {
    await this.disconnect();
    return this.activate({ kind: 'aws', profile, region });
  }

  /**
   * The explorer in another region of the same account: for AWS, the same profile connected in
   * `region`; for the local emulator, the running emulator kept (its every region, its clock) and new
   * clients, reader and inventory signed for `region`. The status bar and the explorer follow.
   */
  async switchRegion(region: string): Promise<ActiveConnection> {
    const previous = this.active;
    if (!previous) throw new Error('Not connected: connect to AWS or start the local emulator first.');
    if (previous.connection.kind === 'aws') return this.connectAws(previous.connection.profile, region);
    if (previous.connection.region === region) return previous;
    this.active = undefined;
    previous.clients.destroy();
    this.logger.info(`Switching the local emulator's explorer from ${previous.connection.region} to ${region}.`);
    return this.activate({ ...previous.connection, region }, previous.emulator);
  }

  private async activate(connection: Connection, emulator?: RunningEmulator): Promise<ActiveConnection> {
    try {
      const clients = await createClients(connection);
      // The emulator's account lives on its virtual clock: next fire times and recent events use it.
      const now = emulator ? () => new Date(emulator.now()) : () => new Date();
      const reader = await AccountReader.create(clients, { now, warn: (message) => this.logger.warn(message) });
      this.active = { connection, clients, reader, inventory: new Inventory(reader, { now, region: connection.region }), emulator };
    } catch (error) {
      await emulator?.close();
      throw error;
    }
    this.logger.info(`Connected to ${describeConnection(connection)}.`);
    await vscode.commands.executeCommand('setContext', contextKeys.connected, true);
    await vscode.commands.executeCommand('setContext', contextKeys.localEmulator, connection.kind === 'localEmulator');
    this.changed.fire(this.active);
    return this.active;
  }

  async disconnect(): Promise<void> {
    const previous = this.active;
    if (!previous) return;
    this.active = undefined;
    previous.clients.destroy();
    if (previous.emulator) {
      await previous.emulator.close();
      this.logger.info('Local emulator stopped.');
    }
    await vscode.commands.executeCommand('setContext', contextKeys.connected, false);
    await vscode.commands.executeCommand('setContext', contextKeys.localEmulator, false);
    this.changed.fire(undefined);
  }

  /**
   * Closes the connection at shutdown. Never throws nor rejects: VS Code calls it while the window
   * closes, when a failing emulator close or setContext would otherwise be an unhandled rejection.
   */
  dispose(): void {
    // The listeners go away with the window too: no change event at shutdown.
    this.changed.dispose();
    this.disconnect().catch((error: unknown) => {
      try {
        this.logger.warn(`Closing the connection at shutdown failed: ${describeError(error)}`);
      } catch {
        // The log's output channel may already be gone at shutdown.
      }
    });
  }
}
