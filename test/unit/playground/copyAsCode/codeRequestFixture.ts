import { type CodeRequest } from '../../../../src/playground/copyAsCode/codeRequest';

/** A client request on the demo's scale-to-zero component, in eu-west-1 of a known account; `overrides` change any field. */
export function codeRequest(overrides: Partial<CodeRequest> = {}): CodeRequest {
  return {
    endpointName: 'demo-scale-to-zero',
    inferenceComponentName: 'Demo-Llama3-8b',
    wakeComponentName: 'Demo-Llama3-8b',
    region: 'eu-west-1',
    accountId: '123456789012',
    partition: 'aws',
    mode: 'invoke',
    body: '{"inputs": "Hello"}',
    contentType: 'application/json',
    accept: 'application/json',
    deadlineSeconds: 900,
    wake: true,
    ...overrides,
  };
}
