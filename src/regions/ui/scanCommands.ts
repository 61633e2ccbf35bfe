import * as vscode from 'vscode';
import { type ScanReport } from '../scan/regionScanModel';
import { scanRegions, type ScanTargetSource } from '../scan/regionScanner';
import { connectionScanTarget, profileScanTarget } from '../scan/scanTargets';
import { type ActiveConnection } from '../../connection/ui/connectionManager';
import { commandIds, regionsViewId } from '../../workbench/ids';
import { plural } from '../../l10n/plural';
import { guardRegionCommand, type RegionCommandContext } from './regionCommandContext';
import { type RegionRow, scanProgress } from './regionRows';

/** What Scan All Regions takes from a caller (a test, a script): the profiles, instead of asking. */
export interface ScanAllRegionsArgs {
  /** AWS profiles to scan (null: environment credentials). */
  profiles?: (string | null)[];
}

/** The targets of a scan: the emulator's account, or the AWS profiles picked (each with its own credentials). */
async function scanTargets(context: RegionCommandContext, active: ActiveConnection, args: ScanAllRegionsArgs | undefined): Promise<ScanTargetSource[] | undefined> {
  const connection = active.connection;
  if (connection.kind === 'localEmulator') return [connectionScanTarget(connection)];
  const picked = args?.profiles
    ? args.profiles.map((profile) => ({ profile: profile ?? undefined }))
    : await context.pickProfiles({ profile: connection.profile });
  if (!picked || picked.length === 0) return undefined;
  // The connected profile's target is the connection's own; every other profile gets a provider of its own.
  return picked.map(({ profile }) => (profile === connection.profile ? connectionScanTarget(connection) : profileScanTarget(profile)));
}

/** The account's clock: the emulator's virtual one, or this computer's. */
function accountNow(active: ActiveConnection): () => number {
  const emulator = active.emulator;
  return emulator ? () => emulator.now() : () => Date.now();
}

/**
 * "Scan All Regions": on AWS asks which profiles (several may be picked), on the local emulator scans
 * its account; every region each target has enabled, with a cancellable progress notification, the
 * view filling region by region. Returns the scan's report (undefined when nothing was scanned).
 */
export function scanAllRegionsCommand(context: RegionCommandContext): (args?: ScanAllRegionsArgs) => Promise<ScanReport | undefined> {
  return guardRegionCommand(context, 'Scan all regions', async (args?: ScanAllRegionsArgs) => {
    const active = context.connections.current;
    if (!active) {
      const connect = 'Connect…';
      const choice = await vscode.window.showWarningMessage('Scan All Regions: connect to AWS or start the local emulator first.', connect);
      if (choice === connect) await vscode.commands.executeCommand(commandIds.connect);
      return undefined;
    }
    const sources = await scanTargets(context, active, args);
    if (!sources) return undefined;
    const { idleDays, concurrency, priceOverrides } = context.settings();
    context.view.start(sources, idleDays, active.connection.kind === 'localEmulator' ? active.connection.endpoint : undefined);
    void vscode.commands.executeCommand(`${regionsViewId}.focus`);
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Scanning regions', cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancelled = token.onCancellationRequested(() => controller.abort());
        try {
          return await scanRegions({
            targets: sources,
            idleDays,
            regionConcurrency: concurrency,
            priceOverrides,
            signal: controller.signal,
            now: accountNow(active),
            onEvent: (event) => {
              context.view.apply(event);
              const state = context.view.state;
              if (!state) return;
              const { done, total } = scanProgress(state);
              // "Scanning regions: 5 of 17 done" (VS Code puts the title before the message).
              if (total > 0) progress.report({ message: `${done} of ${total} done` });
            },
          });
        } catch (error) {
          context.view.stop();
          throw error;
        } finally {
          cancelled.dispose();
        }
      },
    );
    context.view.finish(report);
    const regions = report.targets.reduce((sum, target) => sum + target.regions.filter((region) => region.state === 'done').length, 0);
    const failed = report.targets.reduce((sum, target) => sum + target.regions.filter((region) => region.state === 'failed').length + (target.error ? 1 : 0), 0);
    context.logger.info(
      `${report.cancelled ? 'Scan cancelled' : 'Scan done'}: ${plural(regions, { one: '{count} region', other: '{count} regions' })} scanned${failed > 0 ? `, ${failed} failed` : ''} over ${plural(report.targets.length, { one: '{count} account', other: '{count} accounts' })}.`,
    );
    return report;
  });
}

/** Rescans one region of a scanned target (its row's inline action, and after an action on one of its endpoints). */
export async function rescanRegion(context: RegionCommandContext, targetId: string, region: string): Promise<ScanReport | undefined> {
  const source = context.view.source(targetId);
  const active = context.connections.current;
  if (!source || !active) return undefined;
  const { idleDays, concurrency, priceOverrides } = context.settings();
  context.view.resume();
  try {
    const report = await vscode.window.withProgress({ location: { viewId: regionsViewId } }, () =>
      scanRegions({ targets: [source], idleDays, regionConcurrency: concurrency, priceOverrides, onlyRegions: [region], now: accountNow(active), onEvent: (event) => context.view.apply(event) }),
    );
    context.view.finish(report);
    return report;
  } catch (error) {
    context.view.stop();
    throw error;
  }
}

/** "Rescan Region" (inline on a region row). */
export function rescanRegionCommand(context: RegionCommandContext): (row?: RegionRow) => Promise<ScanReport | undefined> {
  return guardRegionCommand(context, 'Rescan', async (row?: RegionRow) => {
    if (!row?.targetId || !row.region) {
      void vscode.window.showInformationMessage('Rescan Region works on a region row of the All Regions view: run Scan All Regions first.');
      return undefined;
    }
    return rescanRegion(context, row.targetId, row.region);
  });
}
