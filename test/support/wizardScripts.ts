import { accept, pick, review, type ScriptEntry, type } from './scriptedUserInput';

/**
 * Wizard 1 answered as a user creating `endpoint` from the demo's llama model with the blog's setup:
 * ml.g5.2xlarge, 0–2 instances, one copy, and wizard 2's scale-to-zero pages with their defaults.
 */
export function createEndpointScript(endpoint: string): ScriptEntry[] {
  return [
    pick('demo-llama3-8b-model'),
    pick('arn:aws:iam::123456789012:role/EmulatorSageMakerExecutionRole'),
    type(endpoint),
    accept(),
    pick('ml.g5.2xlarge'),
    type('2'),
    pick('Least outstanding requests'),
    type(`${endpoint}-ic`),
    type('1'),
    type('24576'),
    type('2'),
    type('1'),
    pick(/^Add the scale-to-zero/),
    type('2'),
    pick(/Concurrent requests/),
    accept(),
    accept(),
    accept(),
    review('run'),
  ];
}
