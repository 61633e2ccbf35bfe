// A type-only import: erased from the bundle, so the SDK still loads only through loadSdk().
import type * as SdkModule from './sdk.js';

export type Sdk = typeof SdkModule;

let sdk: Promise<Sdk> | undefined;

/** Loads the AWS SDK bundle once, on first use. */
export function loadSdk(): Promise<Sdk> {
  sdk ??= import('./sdk.js');
  return sdk;
}
