import * as vscode from 'vscode';
import { type Logger } from '../../logging/logger';
import { type Choice, type UserInput } from '../../prompts/userInput';
import {
  EmulatorControlError,
  isSimulatedFailureKind,
  readSimulatedFailures,
  setSimulatedFailure,
  simulatedFailureMessage,
  simulatedFailures,
  type SimulatedFailureKind,
} from '../simulatedFailures';
import { type ConnectionManager } from './connectionManager';

/** What the command needs: the questions, the connection (the emulator's address) and the log. */
export interface SimulateFailureContext {
  ui: UserInput;
  connections: ConnectionManager;
  logger: Logger;
}

/** What the command returns: the failure now set for the component (`none`: none), or undefined when nothing was done. */
export type SimulateFailureResult = { componentName: string; failure: SimulatedFailureKind | 'none' };

/** A component row of the Endpoints view (adapters have no copies of their own: not offered). */
function componentOfArgument(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const item = value as Record<string, unknown>;
  return item.kind === 'inferenceComponent' && typeof item.name === 'string' && item.name !== '' ? item.name : undefined;
}

/**
 * "Simulate a Failure…" (local emulator only): picks what an inference component's next copy meets
 * (no capacity, a full quota, an image pull denied, a health check that never passes, out of memory)
 * or "no failure", so the tree's `Why:` rows, the explanations and the logs view can be tried on the
 * demo. Arguments for scripts and tests: a tree node (or `{ kind: 'inferenceComponent', name }`) and
 * the failure's kind or `none`.
 */
export function simulateFailureCommand(context: SimulateFailureContext): (node?: unknown, failure?: string) => Promise<SimulateFailureResult | undefined> {
  return async (node?: unknown, failure?: string) => {
    const active = context.connections.current;
    if (!active?.emulator) {
      void vscode.window.showWarningMessage('Failures can be simulated only on the local emulator: start it first (SageMaker Scale to Zero: Start Local Emulator). On AWS, real failures are explained the same way.');
      return undefined;
    }
    const address = { url: active.emulator.url, region: active.connection.region };
    let componentName = componentOfArgument(node);
    if (componentName === undefined) {
      // The palette: the account's components (not adapters), read only for this pick.
      if (!active.inventory.isLoaded) await active.inventory.refresh();
      const components = active.inventory.endpoints().flatMap((endpoint) =>
        active.inventory
          .componentsOf(endpoint.summary.name)
          .filter((component) => !component.snapshot?.baseComponentName)
          .map((component) => ({ name: component.summary.name, endpointName: endpoint.summary.name, status: component.summary.status })),
      );
      if (components.length === 0) {
        void vscode.window.showInformationMessage(`No inference components in the local emulator (${address.region}): create one first (Create Scale-to-Zero Endpoint…).`);
        return undefined;
      }
      componentName = await context.ui.pick({
        title: 'Simulate a failure on which inference component?',
        placeholder: 'Its next copy meets the failure you pick next',
        items: components.map((component) => ({ label: component.name, description: `on ${component.endpointName} · ${component.status}`, value: component.name })),
      });
      if (componentName === undefined) return undefined;
    }
    const name = componentName;
    try {
      let chosen: SimulatedFailureKind | 'none' | undefined = failure === 'none' || isSimulatedFailureKind(failure) ? failure : undefined;
      if (failure !== undefined && chosen === undefined) {
        void vscode.window.showErrorMessage(`"${failure}" is not a failure the local emulator simulates: use one of ${simulatedFailures.map((item) => item.kind).join(', ')} or none.`);
        return undefined;
      }
      if (chosen === undefined) {
        // The failure set now, marked in the pick (a kind given as an argument needs no read).
        const current = (await readSimulatedFailures(address)).get(name);
        const items: Choice<SimulatedFailureKind | 'none'>[] = simulatedFailures.map((item) => ({
          label: item.label,
          description: item.kind === current ? `set now · shows ${item.shows}` : `shows ${item.shows}`,
          detail: item.detail,
          value: item.kind,
        }));
        items.push({ label: 'No failure', description: current ? 'removes the one set now' : 'set now', detail: 'Its next copies start normally.', value: 'none' });
        chosen = await context.ui.pick({ title: `Simulate a failure on ${name}`, placeholder: 'What its next copy meets on the local emulator', items });
        if (chosen === undefined) return undefined;
      }
      const kind = chosen === 'none' ? undefined : chosen;
      await setSimulatedFailure(address, name, kind);
      const message = simulatedFailureMessage(name, kind);
      context.logger.info(kind ? `Simulated failure on the local emulator: ${name}'s next copy meets ${kind}.` : `Simulated failure on the local emulator removed from ${name}.`);
      void vscode.window.showInformationMessage(message);
      return { componentName: name, failure: chosen };
    } catch (error) {
      const message = error instanceof EmulatorControlError ? error.message : `The simulated failure on ${name} could not be set: ${error instanceof Error ? error.message : String(error)}`;
      context.logger.error(message);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };
}
