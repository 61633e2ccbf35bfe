/**
 * Time for the cold-start logic: the account's clock (the local emulator's is virtual) and a wait on
 * it. Tests on the emulator's frozen clock advance the emulator inside `wait`.
 */
export interface ColdStartClock {
  /** Account time, epoch ms. */
  now(): number;
  /** Waits `ms` of account time; settles early (rejects with an AbortError) when `signal` aborts. */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
}

export class AbortError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

export interface TimerFunctions {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const globalTimers: TimerFunctions = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A clock whose time runs `timeScale()` times faster than real time (1 on AWS, the emulator's scale
 * locally). A frozen clock (0) still waits a little in real time so the loop never spins.
 */
export function scaledClock(options: { now: () => number; timeScale?: () => number; timers?: TimerFunctions; frozenWaitMs?: number }): ColdStartClock {
  const timers = options.timers ?? globalTimers;
  return {
    now: options.now,
    wait(ms, signal) {
      if (signal?.aborted) return Promise.reject(new AbortError());
      const scale = options.timeScale?.() ?? 1;
      const real = scale > 0 ? ms / scale : Math.min(ms, options.frozenWaitMs ?? 1000);
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          timers.clearTimeout(handle);
          reject(new AbortError());
        };
        const handle = timers.setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, Math.max(0, real));
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

export const realClock = (): ColdStartClock => scaledClock({ now: () => Date.now() });
