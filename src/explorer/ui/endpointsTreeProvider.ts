import * as vscode from 'vscode';
import { type Logger } from '../../logging/logger';
import { type ComponentEntry, endpointPageSize, type Inventory, type RefreshResult } from '../inventory/inventory';
import { describeAwsError } from '../../aws/awsErrorMessages';
import { type ConnectionManager } from '../../connection/ui/connectionManager';
import {
  activityNode,
  alarmNode,
  componentItem,
  endpointItem,
  type ExplorerNode,
  failureNode,
  messageNode,
  placementNode,
  policyNode,
  scheduleNode,
  targetNode,
} from './treeNodes';
import { isTargetTrackingAlarm } from '../../resources/targetTrackingAlarms';
import { type VariantSnapshot } from '../../resources/resourceSnapshots';

/** The command behind the "Show more endpoints" row (internal: not in the command palette). */
export const showMoreEndpointsCommand = 'sagemakerScaleToZero.explorer.showMoreEndpoints';

/**
 * The Endpoints view: endpoint → inference components → their scaling details. Rows come from the
 * connection's Inventory; a refresh re-renders only the endpoints whose rows changed.
 *
 * In a big account the list paints from ListEndpoints alone and shows endpoints a page at a time
 * (a "Show more" row below); the tree asks the Inventory to describe the rows it shows, and an
 * endpoint's components only once it is expanded.
 */
export class EndpointsTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly endpointNodes = new Map<string, ExplorerNode>();
  private loadError: string | undefined;
  /** An automatic refresh failed: shown as a top row above the last rows read, until a refresh completes. */
  private refreshFailure: string | undefined;
  private inventorySubscription: { dispose(): void } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private shownEndpoints = endpointPageSize;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly logger: Logger,
  ) {
    this.subscriptions.push(
      connections.onDidChange((active) => {
        this.inventorySubscription?.dispose();
        this.endpointNodes.clear();
        this.loadError = undefined;
        this.refreshFailure = undefined;
        this.shownEndpoints = endpointPageSize;
        this.inventorySubscription = active?.inventory.onDidRefresh((result) => this.onRefreshed(result));
        this.changed.fire(undefined);
      }),
      vscode.commands.registerCommand(showMoreEndpointsCommand, () => this.showMore()),
    );
  }

  /** Shows the next page of endpoints. */
  showMore(): void {
    this.shownEndpoints += endpointPageSize;
    this.changed.fire(undefined);
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
      () => this.clearLoadError(),
      (error: unknown) => this.reportLoadError(error),
    );
  }

  private reportLoadError(error: unknown): void {
    const described = describeAwsError(error, { action: 'List endpoints', region: this.connections.current?.connection.region });
    this.loadError = described.message;
    this.logger.error(described.message);
    this.changed.fire(undefined);
  }

  /**
   * An automatic refresh failed (the scheduler tries again at its next tick): the rows stay, marked as
   * stale by a top row in plain words, until a refresh completes.
   */
  reportRefreshFailure(error: unknown): void {
    const described = describeAwsError(error, { action: 'Refresh', region: this.connections.current?.connection.region });
    this.refreshFailure = `${described.message} · retrying`;
    this.changed.fire(undefined);
  }

  /** A refresh went through: an error row from an earlier failure goes, and the view repaints. */
  private clearLoadError(): void {
    if (this.loadError === undefined) return;
    this.loadError = undefined;
    this.changed.fire(undefined);
  }

  private onRefreshed(result: RefreshResult): void {
    const staleMarkerGone = result.completed && this.refreshFailure !== undefined;
    if (result.completed) this.refreshFailure = undefined;
    // Any successful refresh, the automatic ones included, ends an outage shown as an error row.
    if (this.loadError !== undefined) {
      this.clearLoadError();
      return;
    }
    if (staleMarkerGone) {
      this.changed.fire(undefined);
      return;
    }
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
      if (entry) return endpointItem(entry, inventory.componentsOf(node.name), inventory.readiness(node.name), inventory.reader.now());
    }
    if (node.kind === 'inferenceComponent' && inventory) {
      const entry = inventory.component(node.name);
      if (entry) {
        const variant = variantOf(inventory, node.endpointName, entry.snapshot?.variantName);
        const item = componentItem(entry, inventory.reader.now(), variant, adaptersOf(inventory, node.endpointName, node.name));
        // A failed component opens on its `Why:` row.
        if (inventory.failures.get('inferenceComponent', node.name)) item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        return item;
      }
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
          await inventory.listed();
          this.loadError = undefined;
        } catch (error) {
          this.reportLoadError(error);
        }
      }
      if (this.loadError) return [messageNode('load-error', this.loadError, 'warning')];
      const rows: ExplorerNode[] = this.refreshFailure
        ? [messageNode('refresh-failed', this.refreshFailure, 'warning', `${this.refreshFailure}\n\nThe rows below are from the last refresh that worked.`)]
        : [];
      const endpoints = inventory.endpoints();
      if (endpoints.length === 0) return [...rows, messageNode('no-endpoints', 'No endpoints in this account and region.')];
      const shown = endpoints.slice(0, this.shownEndpoints);
      inventory.requestEndpoints(shown.map((entry) => entry.summary.name));
      rows.push(...shown.map((entry): ExplorerNode => {
        let existing = this.endpointNodes.get(entry.summary.name);
        if (!existing) {
          existing = { kind: 'endpoint', id: `endpoint:${entry.summary.name}`, name: entry.summary.name };
          this.endpointNodes.set(entry.summary.name, existing);
        }
        return existing;
      }));
      if (endpoints.length > shown.length) {
        const more = messageNode('show-more-endpoints', `Show ${Math.min(endpointPageSize, endpoints.length - shown.length)} more of ${endpoints.length - shown.length} endpoints…`, 'ellipsis');
        if (more.kind === 'message') more.item.command = { command: showMoreEndpointsCommand, title: 'Show more endpoints' };
        rows.push(more);
      }
      return rows;
    }
    if (node.kind === 'endpoint') {
      inventory.requestComponentsOf(node.name);
      const components = inventory.componentsOf(node.name);
      const endpointFailure = inventory.failures.get('endpoint', node.name);
      const why = endpointFailure ? [failureNode({ kind: 'endpoint', name: node.name }, endpointFailure, inventory.reader.now())] : [];
      if (components.length === 0) {
        return [
          ...why,
          inventory.isLoaded
            ? messageNode(`${node.name}:none`, 'No inference components.')
            : messageNode(`${node.name}:loading`, 'Reading inference components…', 'loading~spin'),
        ];
      }
      // Adapters are nested under their base (when it is on this endpoint), not listed beside it.
      const names = new Set(components.map((entry) => entry.summary.name));
      return [
        ...why,
        ...components
        .filter((entry) => !names.has(entry.snapshot?.baseComponentName ?? ''))
        .map((entry) => componentNode(entry.summary.name, node.name)),
      ];
    }
    if (node.kind === 'inferenceComponent') {
      const scaling = inventory.component(node.name)?.scaling;
      const failure = inventory.failures.get('inferenceComponent', node.name);
      const why = failure ? [failureNode({ kind: 'inferenceComponent', name: node.name }, failure, inventory.reader.now())] : [];
      const adapters = adaptersOf(inventory, node.endpointName, node.name).map((entry) => componentNode(entry.summary.name, node.endpointName));
      if (!scaling) return [...why, ...adapters, messageNode(`${node.name}:loading`, 'Reading scaling resources…', 'loading~spin')];
      const now = inventory.reader.now();
      const component = inventory.component(node.name);
      const isAdapter = component?.snapshot?.baseComponentName !== undefined;
      return [
        ...why,
        ...adapters,
        ...placementNode(node.name, component?.snapshot, variantOf(inventory, node.endpointName, component?.snapshot?.variantName)),
        // An adapter has no copy count of its own to register: no scalable target row.
        ...(isAdapter ? [] : [targetNode(node.name, scaling.target)]),
        ...scaling.policies.map((policy) => policyNode(node.name, policy)),
        ...scaling.alarms.filter((alarm) => !isTargetTrackingAlarm(alarm.name, scaling.policies)).map((alarm) => alarmNode(node.name, alarm, now)),
        ...scaling.schedules.map((schedule) => scheduleNode(node.name, schedule)),
        ...scaling.activities.slice(0, 3).map((activity) => activityNode(node.name, activity, now)),
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

function componentNode(name: string, endpointName: string): ExplorerNode {
  return { kind: 'inferenceComponent', id: `ic:${name}`, name, endpointName };
}

/** The adapters on an endpoint whose base is `baseName`. */
function adaptersOf(inventory: Inventory, endpointName: string, baseName: string): ComponentEntry[] {
  return inventory.componentsOf(endpointName).filter((entry) => entry.snapshot?.baseComponentName === baseName);
}

/** The endpoint variant a component runs on (its instance pools give the order of its types). */
function variantOf(inventory: Inventory, endpointName: string, variantName: string | undefined): VariantSnapshot | undefined {
  const variants = inventory.endpoint(endpointName)?.snapshot?.variants ?? [];
  return variants.find((variant) => variant.name === variantName) ?? variants[0];
}
