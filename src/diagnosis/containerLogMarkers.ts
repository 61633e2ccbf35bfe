/**
 * The lines a model server writes while a copy starts, by phase: the emulator's vLLM/LMI-style lines
 * (docs/emulator.md) and those of the real containers SageMaker runs for large models: Hugging Face
 * TGI, DJL Serving / LMI, vLLM (its OpenAI server behind uvicorn) and Triton. Both the explained cold
 * start and the failure explanations read container logs only through this list.
 */

/** A startup phase a container's line marks. */
export type ContainerMarker = 'modelLoadStart' | 'modelLoaded' | 'serverReady' | 'healthCheckPassed' | 'firstAnswer';

export const containerMarkers: readonly { marker: ContainerMarker; patterns: readonly RegExp[] }[] = [
  {
    marker: 'modelLoadStart',
    patterns: [
      /Loading model/i, // emulator, vLLM ("Loading model weights took…" is the end), DJL ("Loading model … on gpu")
      /Starting download process/i, // TGI: download-weights
      /Starting shard/i, // TGI: text-generation-launcher
      /loading: \S+ version \d+/i, // Triton: "loading: <model>:1"
    ],
  },
  {
    marker: 'modelLoaded',
    patterns: [
      /loaded in /i, // emulator ("Model weights loaded in 41 s")
      /Loading model weights took/i, // vLLM
      /Shard \d+ ready in/i, // TGI
      /Model \[\S+\] initialized/i, // DJL Serving
      /successfully loaded '/i, // Triton
    ],
  },
  {
    marker: 'serverReady',
    patterns: [
      /Uvicorn running on/i, // emulator, vLLM
      /Application startup complete/i, // emulator, vLLM
      /\bConnected\s*$/, // TGI: "Connected" once the router reaches the shards
      /Initialize BOTH server with/i, // DJL Serving
      /Started HTTPService at/i, // Triton
    ],
  },
  { marker: 'healthCheckPassed', patterns: [/"GET \/ping HTTP\/1\.[01]" 200/] },
  { marker: 'firstAnswer', patterns: [/"POST \/invocations HTTP\/1\.[01]" 200/] },
];

/** Lines that say a container ran out of memory (CUDA or the host's OOM killer). */
export const outOfMemoryPatterns: readonly RegExp[] = [
  /OutOfMemoryError/i,
  /CUDA out of memory/i,
  /CUDA error: out of memory/i,
  /exited with code 137/i,
  /Killed process \d+/i,
  /std::bad_alloc/i,
];

/** Lines that say a model server is still loading (the health check waits on them). */
export const stillLoadingPatterns: readonly RegExp[] = [/still loading/i, /Waiting for shard/i];

/**
 * The phase a line marks, or undefined. Later phases are tried first: vLLM's "Loading model weights
 * took 14.9 GiB" ends the load its "Loading model…" began.
 */
export function markerOf(message: string): ContainerMarker | undefined {
  for (const { marker, patterns } of [...containerMarkers].reverse()) if (patterns.some((pattern) => pattern.test(message))) return marker;
  return undefined;
}

export function isOutOfMemoryLine(message: string): boolean {
  return outOfMemoryPatterns.some((pattern) => pattern.test(message));
}
