/** Where the extension's AWS calls go: a real account through a profile, or the local emulator. */
export type Connection =
  | { kind: 'aws'; profile?: string; region: string }
  | { kind: 'localEmulator'; endpoint: string; region: string };

/**
 * Fixed, non-secret credentials the local emulator accepts: requests must still be SigV4-signed.
 * A fresh object each time, because the SDK annotates the credentials object it is given.
 */
export function emulatorCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' };
}

export function describeConnection(connection: Connection): string {
  return connection.kind === 'aws'
    ? `AWS ${connection.profile ? `profile ${connection.profile}` : 'default credentials'} in ${connection.region}`
    : `local emulator at ${connection.endpoint}`;
}
