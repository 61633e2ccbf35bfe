/** Copy as Code's menu: each entry a language and whether the client streams. No DOM. */
import { type CodeLanguage, type InvokeMode } from '../protocol';

export interface CodeChoice {
  id: string;
  label: string;
  language: CodeLanguage;
  mode: InvokeMode;
}

/** The AWS CLI has no streaming command: it is offered for the plain call only. */
export const codeChoices: readonly CodeChoice[] = [
  { id: 'python', label: 'Python (boto3)', language: 'python', mode: 'invoke' },
  { id: 'python-stream', label: 'Python (boto3), streaming', language: 'python', mode: 'stream' },
  { id: 'typescript', label: 'TypeScript (AWS SDK v3)', language: 'typescript', mode: 'invoke' },
  { id: 'typescript-stream', label: 'TypeScript (AWS SDK v3), streaming', language: 'typescript', mode: 'stream' },
  { id: 'awsCli', label: 'AWS CLI command', language: 'awsCli', mode: 'invoke' },
];
