/**
 * Settings the emulator refuses on request (control API `/__emulator/refusals`), the way AWS refuses
 * them in some regions. `minInstanceCountZero`: CreateEndpointConfig refuses ManagedInstanceScaling
 * ENABLED with MinInstanceCount 0, as users report from regions where scale to zero is not offered.
 */
export interface SettingRefusalConfig {
  minInstanceCountZero: boolean;
}

export class SettingRefusals implements SettingRefusalConfig {
  minInstanceCountZero = false;

  get current(): SettingRefusalConfig {
    return { minInstanceCountZero: this.minInstanceCountZero };
  }

  set(config: SettingRefusalConfig): void {
    this.minInstanceCountZero = config.minInstanceCountZero;
  }

  clear(): void {
    this.minInstanceCountZero = false;
  }
}

/** Validates the control API's body; returns an error message or the config. */
export function parseSettingRefusals(input: Record<string, unknown>): SettingRefusalConfig | string {
  const unknown = Object.keys(input).filter((key) => key !== 'minInstanceCountZero');
  if (unknown.length > 0) return `Unknown refusal ${unknown.join(', ')}: the emulator can refuse minInstanceCountZero.`;
  const value = input.minInstanceCountZero;
  if (typeof value !== 'boolean') return 'minInstanceCountZero must be true or false.';
  return { minInstanceCountZero: value };
}
