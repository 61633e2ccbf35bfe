import * as vscode from 'vscode';
import { type Logger } from '../../core/logger';
import { type Inventory, type RefreshResult } from '../../inventory/inventory';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { type ConnectionManager } from '../connection/connectionManager';
import {
  activityNode,
  alarmNode,
  componentItem,
  endpointItem,
  type ExplorerNode,
  messageNode,
  policyNode,
  scheduleNode,
  targetNode,
} from './treeNodes';

/**
 * The Endpoints view: endpoint → inference components → their scaling details. Rows come from the
 * connection's Inventory; a refresh re-renders only the endpoints whose rows changed.
 */
export class EndpointsTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly endpointNodes = new Map<string, ExplorerNode>();
  private loadError: string | undefined;
  private inventorySubscription: { dispose(): void } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly connections: ConnectionManager,
    private readonly logger: Logger,
  ) {
    this.subscriptions.push(
      connections.onDidChange((active) => {
        this.inventorySubscription?.dispose();
        this.endpointNodes.clear();
        this.loadError = undefined;
        this.inventorySubscription = active?.inventory.onDidRefresh((result) => this.onRefreshed(result));
        this.changed.fire(undefined);
      }),
    );
  }

  private get inventory(): Inventory | undefined {
    return this.connections.current?.inventory;
  }

  /** Re-reads everything from the account (the view's Refresh button). */
  refresh(): void {
    const inventory = this.inventory;
    if (!inventory) {
      this.changed.fire(undefined);
      return;
    }
    void inventory.refresh({ full: true }).then(
      () => (this.loadError = undefined),
      (error: unknown) => this.reportLoadError(error),
    );
  }

  private reportLoadError(error: unknown): void {
    const described = describeAwsError(error, { action: 'List endpoints', region: this.connections.current?.connection.region });
    this.loadError = described.message;
    this.logger.error(described.message);
    this.changed.fire(undefined);
  }

  private onRefreshed(result: RefreshResult): void {
    if (result.listChanged) {
      this.changed.fire(undefined);
      return;
    }
    for (const name of result.changedEndpoints) {
      const node = this.endpointNodes.get(name);
      if (node) this.changed.fire(node);
    }
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const inventory = this.inventory;
    if (node.kind === 'endpoint' && inventory) {
      const entry = inventory.endpoint(node.name);
      if (entry) return endpointItem(entry, inventory.readiness(node.name));
    }
    if (node.kind === 'inferenceComponent' && inventory) {
      const entry = inventory.component(node.name);
      if (entry) return componentItem(entry);
    }
    if (node.kind === 'detail' || node.kind === 'message') return node.item;
    return new vscode.TreeItem(node.name);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const inventory = this.inventory;
    if (!inventory) return [];
    if (!node) {
      if (!inventory.isLoaded) {
        try {
          await inventory.refresh();
          this.loadError = undefined;
        } catch (error) {
          this.reportLoadError(error);
        }
      }
      if (this.loadError) return [messageNode('load-error', this.loadError, 'warning')];
      const endpoints = inventory.endpoints();
      if (endpoints.length === 0) return [messageNode('no-endpoints', 'No endpoints in this account and region.')];
      return endpoints.map((entry) => {
        let existing = this.endpointNodes.get(entry.summary.name);
        if (!existing) {
          existing = { kind: 'endpoint', id: `endpoint:${entry.summary.name}`, name: entry.summary.name };
          this.endpointNodes.set(entry.summary.name, existing);
        }
        return existing;
      });
    }
    if (node.kind === 'endpoint') {
      const components = inventory.componentsOf(node.name);
      if (components.length === 0) return [messageNode(`${node.name}:none`, 'No inference components.')];
      return components.map((entry) => ({
        kind: 'inferenceComponent',
        id: `ic:${entry.summary.name}`,
        name: entry.summary.name,
        endpointName: node.name,
      }));
    }
    if (node.kind === 'inferenceComponent') {
      const scaling = inventory.component(node.name)?.scaling;
      if (!scaling) return [messageNode(`${node.name}:loading`, 'Reading scaling resources…', 'loading~spin')];
      return [
        targetNode(node.name, scaling.target),
        ...scaling.policies.map((policy) => policyNode(node.name, policy)),
        ...scaling.alarms.filter((alarm) => !alarm.name.startsWith('TargetTracking-')).map((alarm) => alarmNode(node.name, alarm)),
        ...scaling.schedules.map((schedule) => scheduleNode(node.name, schedule)),
        ...scaling.activities.slice(0, 3).map((activity) => activityNode(node.name, activity)),
      ];
    }
    return [];
  }

  dispose(): void {
    this.inventorySubscription?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
