import { accept, pick, pickMany, review, type ScriptEntry, type } from './scriptedUserInput';

/**
 * Wizard 1 answered as a user creating `endpoint` from the demo's llama model with the blog's setup:
 * ml.g5.2xlarge, then the advanced settings: 0–2 instances, one copy, and wizard 2's scale-to-zero
 * pages with their defaults but two copies at most (and `idleMinutes`, when given, as the idle timeout).
 */
export function createEndpointScript(endpoint: string, idleMinutes?: string): ScriptEntry[] {
  return [
    pick('demo-llama3-8b-model'),
    pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
    type(endpoint),
    pick('ml.g5.2xlarge'),
    pick('Change advanced settings…'),
    accept(),
    type('2'),
    pick('Release an instance once it is empty'),
    pick('Least outstanding requests'),
    type(`${endpoint}-ic`),
    type('1'),
    type('24576'),
    type('2'),
    type('1'),
    pickMany(),
    pickMany('Data cache'), // start settings: the defaults (the data cache ticked)
    pickMany(), // endpoint settings: AWS's defaults
    pick('Add it and change its settings…'),
    type('2'),
    pick(/Concurrent requests/),
    accept(),
    accept(),
    accept(),
    // The idle timeout: empty keeps target tracking's own scale-in.
    idleMinutes === undefined ? accept() : type(idleMinutes),
    review('run'),
  ];
}

/** Wizard 1 answered with only the required questions: the llama model, its role, a name, ml.g5.2xlarge, then the defaults. */
export function createEndpointDefaultsScript(endpoint: string): ScriptEntry[] {
  return [
    pick('demo-llama3-8b-model'),
    pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
    type(endpoint),
    pick('ml.g5.2xlarge'),
    pick('Use these defaults'),
    review('run'),
  ];
}
