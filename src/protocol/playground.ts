/**
 * The typed messages exchanged by the playground webview and its host. Both sides import this one
 * module, so a message that one side sends and the other does not understand fails to compile.
 */

/** Messages the webview sends to the extension host. */
export type PlaygroundToHost = { type: 'ready' };

/** Messages the extension host sends to the webview. */
export type HostToPlayground = { type: 'init'; inferenceComponentName: string; endpointName: string };

export function isPlaygroundToHost(value: unknown): value is PlaygroundToHost {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'ready';
}
