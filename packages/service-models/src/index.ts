/**
 * AWS's own service models, read from botocore on this machine, and a validator against them: the
 * oracle of the contract tests (issue 16). Nothing here is bundled into the extension or the
 * emulator; only tests and test scripts use it.
 */
export { locateBotocore, type BotocoreData } from './botocoreData';
export { compileJavaPattern } from './javaPattern';
export { emulatedServices, loadServiceModel, operationErrorCodes, type EmulatedService, type MemberRef, type Operation, type ServiceModel, type Shape } from './serviceModel';
export { validateInput, validateOutput, validateShape, type Rule, type ValidationOptions, type Violation } from './shapeValidation';
