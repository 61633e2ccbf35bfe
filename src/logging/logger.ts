import { redactSecrets } from './redact';

/** Where log lines go. The UI layer backs it with a VS Code log output channel; tests with an array. */
export interface LogSink {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = keyof LogSink;

/**
 * The logger every layer uses. It never lets a credential through: each message is redacted first.
 * Errors are logged by their message (and AWS error name), never as a raw object dump.
 */
export class Logger {
  constructor(private readonly sink: LogSink) {}

  trace(message: string): void {
    this.write('trace', message);
  }

  debug(message: string): void {
    this.write('debug', message);
  }

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string, error?: unknown): void {
    this.write('error', error === undefined ? message : `${message}: ${describeError(error)}`);
  }

  private write(level: LogLevel, message: string): void {
    this.sink[level](redactSecrets(message));
  }
}

/** A one-line description of any thrown value: `Name: message` for errors, the value otherwise. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return `${name}${error.message}`;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
