/** Copy as Code: the generator for each language the playground offers. */
import { type CodeLanguage } from '../protocol';
import { awsCliCommand } from './awsCliCommand';
import { type CodeRequest, type GeneratedCode } from './codeRequest';
import { pythonClient } from './pythonClient';
import { typescriptClient } from './typescriptClient';

const generators: Record<CodeLanguage, (request: CodeRequest) => GeneratedCode> = {
  python: pythonClient,
  typescript: typescriptClient,
  awsCli: awsCliCommand,
};

export function generateCode(language: CodeLanguage, request: CodeRequest): GeneratedCode {
  return generators[language](request);
}
