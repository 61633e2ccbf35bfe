import * as assert from 'node:assert/strict';
import { type RunningEmulator } from '@s2z/emulator';

/** Records unhandled rejections and uncaught exceptions while a test runs (mocha's own handlers stay). */
export class CrashRecorder {
  readonly rejections: unknown[] = [];
  readonly exceptions: unknown[] = [];
  private readonly onRejection = (reason: unknown) => this.rejections.push(reason);
  private readonly onException = (error: unknown) => this.exceptions.push(error);

  install(): this {
    process.on('unhandledRejection', this.onRejection);
    process.on('uncaughtExceptionMonitor', this.onException);
    return this;
  }

  uninstall(): void {
    process.off('unhandledRejection', this.onRejection);
    process.off('uncaughtExceptionMonitor', this.onException);
  }

  /** Lets pending rejections surface (they are reported after the microtask queue drains), then checks. */
  async assertNone(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const describe = (value: unknown) => (value instanceof Error ? value.stack ?? value.message : String(value));
    assert.deepEqual(this.rejections.map(describe), [], 'no unhandled promise rejection');
    assert.deepEqual(this.exceptions.map(describe), [], 'no uncaught exception');
  }
}

export async function setFaults(url: string, faults: Record<string, unknown> | null): Promise<void> {
  const response = await fetch(`${url}/__emulator/faults`, {
    method: faults ? 'POST' : 'DELETE',
    headers: faults ? { 'content-type': 'application/json' } : {},
    body: faults ? JSON.stringify(faults) : undefined,
  });
  assert.equal(response.status, 200, await response.text());
}

interface StateSummary {
  endpoints: { name: string; status: string; variants?: { instances?: { state: string }[] }[] }[];
  inferenceComponents: { name: string; status: string; desiredCopyCount?: number; currentCopyCount?: number }[];
}

/** What is billed in the emulator's account (GET /__emulator/state): endpoints with their instances, ICs with their copies. */
export async function billed(url: string): Promise<{ endpoints: string[]; copies: Record<string, number>; instances: number }> {
  const response = await fetch(`${url}/__emulator/state`);
  assert.equal(response.status, 200);
  const state = (await response.json()) as StateSummary;
  const instances = state.endpoints.reduce(
    (sum, endpoint) => sum + (endpoint.variants ?? []).reduce((count, variant) => count + (variant.instances ?? []).length, 0),
    0,
  );
  return {
    endpoints: state.endpoints.map((endpoint) => endpoint.name).sort(),
    copies: Object.fromEntries(state.inferenceComponents.map((ic) => [ic.name, Math.max(ic.desiredCopyCount ?? 0, ic.currentCopyCount ?? 0)])),
    instances,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function emulatorUrl(emulator: RunningEmulator): string {
  return emulator.url;
}
