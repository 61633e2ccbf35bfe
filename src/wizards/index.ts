/** The wizards' public surface for the UI layer. */
export { createEndpointWizard, type CreateEndpointDefaults } from './createEndpoint/createEndpointWizard';
export { enableScaleToZeroWizard } from './enableScaleToZero/enableScaleToZeroWizard';
export { scheduleWizard } from './schedule/scheduleWizard';
export { type WizardEnvironment } from './environment';
export { type WizardResult, type PlanAction } from './framework/wizardResult';
export { createModelCatalog, type ModelCatalog, type ModelCatalogCommands, type ModelInfo } from './account/modelCatalog';
export { addInferenceComponentWizard } from './addInferenceComponent/addInferenceComponentWizard';
export { setIdleTimeoutWizard } from './enableScaleToZero/setIdleTimeoutWizard';
export { addAdapterWizard } from './adapters/addAdapterWizard';
export { updateModelWizard } from './updateModel/updateModelWizard';
