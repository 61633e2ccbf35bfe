/** Where the emulator writes its log lines: the command line prints them, the extension logs them. */
export type EmulatorLog = (level: 'info' | 'warn' | 'error', message: string) => void;
