/** Identifiers shared by package.json's contributions and the code that implements them. */
export const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';
export const configSection = 'sagemakerScaleToZero';
export const endpointsViewId = 'sagemakerScaleToZero.endpoints';

export const commandIds = {
  refresh: 'sagemakerScaleToZero.refresh',
  showLog: 'sagemakerScaleToZero.showLog',
  openSettings: 'sagemakerScaleToZero.openSettings',
} as const;

export const contextKeys = {
  connected: 'sagemakerScaleToZero.connected',
} as const;
