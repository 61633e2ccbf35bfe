import * as vscode from 'vscode';
import { type ScanEvent, type ScanReport } from '../scan/regionScanModel';
import { type ScanTargetSource } from '../scan/regionScanner';
import { applyScanEvent, finishScanState, type RegionRow, regionRows, type ScanState, scanSummary, startScanState } from './regionRows';
import { contextKeys } from '../../workbench/ids';
import { wallClock } from '../../timeDisplay/wallClock';

/**
 * The All Regions view: the rows of the scan under way or the last one (`regionRows.ts`), filled
 * region by region as the scanner reports them, its summary in the view's description. It also keeps
 * the scanned targets, so that a row's rescan and actions use the same credentials as the scan.
 */
export class RegionsTreeProvider implements vscode.TreeDataProvider<RegionRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RegionRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private scan: ScanState | undefined;
  private readonly sources = new Map<string, ScanTargetSource>();
  private rows: RegionRow[] = [];
  private view: vscode.TreeView<RegionRow> | undefined;
  private scannedEmulator: string | undefined;

  /** The tree view showing these rows: its description gets the scan's summary. */
  attach(view: vscode.TreeView<RegionRow>): void {
    this.view = view;
    this.render();
  }

  get state(): ScanState | undefined {
    return this.scan;
  }

  /** The scanned target with this id (its credentials, its region list). */
  source(targetId: string): ScanTargetSource | undefined {
    return this.sources.get(targetId);
  }

  /** The URL of the local emulator the scan read (undefined: a scan of AWS profiles). */
  get emulatorEndpoint(): string | undefined {
    return this.scannedEmulator;
  }

  /** A new scan starts: its targets, nothing found yet. `emulatorEndpoint`: the local emulator scanned. */
  start(sources: readonly ScanTargetSource[], idleDays: number, emulatorEndpoint?: string): void {
    this.scannedEmulator = emulatorEndpoint;
    this.sources.clear();
    for (const source of sources) this.sources.set(source.target.id, source);
    this.scan = startScanState(sources.map((source) => source.target), idleDays);
    void vscode.commands.executeCommand('setContext', contextKeys.regionsScanned, true);
    this.render();
  }

  /** One more scanner event: the region's row appears (or a target's error). */
  apply(event: ScanEvent): void {
    if (!this.scan) return;
    this.scan = applyScanEvent(this.scan, event);
    this.render();
  }

  /** The scan (or a region's rescan) ended: its report's results replace those rows. */
  finish(report: ScanReport): void {
    if (!this.scan) return;
    this.scan = finishScanState(this.scan, report, Date.now());
    this.render();
  }

  /** A rescan of some regions starts: the scan is under way again (the other rows stay). */
  resume(): void {
    if (!this.scan) return;
    this.scan = { ...this.scan, running: true };
    this.render();
  }

  /** A rescan failed before it reported: the rows stay as they were, no longer marked as scanning. */
  stop(): void {
    if (!this.scan) return;
    this.scan = { ...this.scan, running: false };
    this.render();
  }

  /** Forgets the scan (its emulator stopped): the view's welcome offers a new one. */
  clear(): void {
    this.scan = undefined;
    this.scannedEmulator = undefined;
    this.sources.clear();
    void vscode.commands.executeCommand('setContext', contextKeys.regionsScanned, false);
    this.render();
  }

  /** The rows now (the tests read them as the view does). */
  topRows(): RegionRow[] {
    return this.rows;
  }

  private render(): void {
    this.rows = this.scan ? regionRows(this.scan) : [];
    if (this.view) this.view.description = this.scan ? scanSummary(this.scan, (epochMs) => wallClock(new Date(epochMs)).hourMinute) : undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(row: RegionRow): vscode.TreeItem {
    const state = row.collapsed === 'none' ? vscode.TreeItemCollapsibleState.None : row.collapsed === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(row.label, state);
    item.id = row.id;
    item.contextValue = row.contextValue;
    item.description = row.description;
    if (row.tooltip) item.tooltip = new vscode.MarkdownString(row.tooltip);
    item.iconPath = new vscode.ThemeIcon(row.icon.name, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
    return item;
  }

  getChildren(row?: RegionRow): RegionRow[] {
    return row ? row.children : this.rows;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
