/** Identifiers shared by package.json's contributions and the code that implements them. */
export const extensionId = 'scale-to-zero-tools.sagemaker-scale-to-zero';
export const configSection = 'sagemakerScaleToZero';
export const endpointsViewId = 'sagemakerScaleToZero.endpoints';
export const regionsViewId = 'sagemakerScaleToZero.regions';
export const walkthroughId = 'scaleToZeroInFiveMinutes';

export const commandIds = {
  refresh: 'sagemakerScaleToZero.refresh',
  showLog: 'sagemakerScaleToZero.showLog',
  openSettings: 'sagemakerScaleToZero.openSettings',
  openWalkthrough: 'sagemakerScaleToZero.openWalkthrough',
  connect: 'sagemakerScaleToZero.connect',
  connectLocalEmulator: 'sagemakerScaleToZero.connectLocalEmulator',
  connectAws: 'sagemakerScaleToZero.connectAws',
  selectRegion: 'sagemakerScaleToZero.selectRegion',
  disconnect: 'sagemakerScaleToZero.disconnect',
  advanceEmulatorClock: 'sagemakerScaleToZero.advanceEmulatorClock',
  simulateFailure: 'sagemakerScaleToZero.simulateFailure',
  refreshItem: 'sagemakerScaleToZero.refreshItem',
  copyName: 'sagemakerScaleToZero.copyName',
  copyArn: 'sagemakerScaleToZero.copyArn',
  openInConsole: 'sagemakerScaleToZero.openInConsole',
  showDescription: 'sagemakerScaleToZero.showDescription',
  showReadiness: 'sagemakerScaleToZero.showReadiness',
  setCopyCount: 'sagemakerScaleToZero.setCopyCount',
  deleteInferenceComponent: 'sagemakerScaleToZero.deleteInferenceComponent',
  deleteEndpoint: 'sagemakerScaleToZero.deleteEndpoint',
  createEndpoint: 'sagemakerScaleToZero.createEndpoint',
  enableScaleToZero: 'sagemakerScaleToZero.enableScaleToZero',
  addInferenceComponent: 'sagemakerScaleToZero.addInferenceComponent',
  setIdleTimeout: 'sagemakerScaleToZero.setIdleTimeout',
  addAdapter: 'sagemakerScaleToZero.addAdapter',
  updateModel: 'sagemakerScaleToZero.updateModel',
  scheduleSleepWake: 'sagemakerScaleToZero.scheduleSleepWake',
  openPlayground: 'sagemakerScaleToZero.openPlayground',
  explainFailure: 'sagemakerScaleToZero.explainFailure',
  explainColdStart: 'sagemakerScaleToZero.explainColdStart',
  exportColdStartReport: 'sagemakerScaleToZero.exportColdStartReport',
  scanAllRegions: 'sagemakerScaleToZero.scanAllRegions',
  rescanRegion: 'sagemakerScaleToZero.regions.rescanRegion',
  showRegionInExplorer: 'sagemakerScaleToZero.regions.showInExplorer',
  regionSetUpScaleToZero: 'sagemakerScaleToZero.regions.setUpScaleToZero',
  regionPutToSleep: 'sagemakerScaleToZero.regions.putToSleep',
  regionDeleteEndpoint: 'sagemakerScaleToZero.regions.deleteEndpoint',
} as const;

export const contextKeys = {
  connected: 'sagemakerScaleToZero.connected',
  localEmulator: 'sagemakerScaleToZero.localEmulator',
  /** The All Regions view has a scan to show (its welcome offers one until then). */
  regionsScanned: 'sagemakerScaleToZero.regionsScanned',
} as const;

/** URI scheme of the extension's read-only documents (descriptions, readiness reports) and decorations. */
export const uriScheme = 'sagemaker-s2z';
