/**
 * What Copy as Code writes a client for: the playground's current request on its inference component,
 * with where it runs (region, profile) and how it survives a cold start (deadline, wake). Built from the
 * page's `copyAsCode` message and the active connection; every generator reads only this.
 */
import { type Connection } from '../../aws/connection';
import { type CodeLanguage, type CopyAsCodeRequest, type InvokeMode } from '../protocol';

export interface CodeRequest {
  endpointName: string;
  inferenceComponentName: string;
  /** The component whose copy count a wake sets: an adapter's base (an adapter runs on its copies), else the component itself. */
  wakeComponentName: string;
  region: string;
  /** The named profile the playground's connection uses; undefined: the default credential chain. */
  profile?: string;
  /** The account, when known (from the component's ARN): the IAM permissions name its resources. */
  accountId?: string;
  /** `aws`, `aws-cn`, `aws-us-gov`...: the ARNs' partition. */
  partition: string;
  mode: InvokeMode;
  body: string;
  contentType: string;
  accept: string;
  /** Seconds the client keeps trying while the component has no copy, from its first attempt. */
  deadlineSeconds: number;
  /** Wake the component at the first refusal (UpdateInferenceComponentRuntimeConfig, one copy) instead of waiting for its alarm. */
  wake: boolean;
}

/** One generated client: its text, the editor language it opens in and a file name to save it as. */
export interface GeneratedCode {
  language: CodeLanguage;
  /** VS Code's language id: python, typescript, shellscript. */
  languageId: 'python' | 'typescript' | 'shellscript';
  fileName: string;
  text: string;
}

/** Where the playground runs: its connection, its component and endpoint, and what the explorer read of the component. */
export interface CodeTarget {
  connection: Connection;
  endpointName: string;
  inferenceComponentName: string;
  /** `Specification.BaseInferenceComponentName`: set for an adapter. */
  baseComponentName?: string;
  /** The component's ARN, when read: its account and partition. */
  componentArn?: string;
}

const arnPattern = /^arn:(aws[a-z-]*):sagemaker:[a-z0-9-]*:(\d{12}):/;

/** The partition of a region: aws-cn for China, aws-us-gov for GovCloud, aws elsewhere. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The client request for the page's message on this target. */
export function codeRequestFor(message: CopyAsCodeRequest, target: CodeTarget): CodeRequest {
  const arn = target.componentArn ? arnPattern.exec(target.componentArn) : null;
  const { connection } = target;
  const request: CodeRequest = {
    endpointName: target.endpointName,
    inferenceComponentName: target.inferenceComponentName,
    wakeComponentName: target.baseComponentName ?? target.inferenceComponentName,
    region: connection.region,
    partition: arn?.[1] ?? partitionOf(connection.region),
    mode: message.mode,
    body: message.body,
    contentType: message.contentType,
    accept: message.accept,
    deadlineSeconds: message.deadlineSeconds,
    wake: message.wakeNow,
  };
  if (connection.kind === 'aws' && connection.profile) request.profile = connection.profile;
  if (arn) request.accountId = arn[2];
  return request;
}

/**
 * The ARN of a SageMaker resource as IAM policies name it: SageMaker writes names in lower case in its
 * ARNs. `<account-id>` when the account is not known.
 */
export function sageMakerArn(request: CodeRequest, resourceType: 'endpoint' | 'inference-component', name: string): string {
  return `arn:${request.partition}:sagemaker:${request.region}:${request.accountId ?? '<account-id>'}:${resourceType}/${name.toLowerCase()}`;
}

/** A file name from the component's name: invoke_my_component.py, invokeMyComponent.ts... */
export function fileStem(request: CodeRequest, style: 'snake' | 'camel'): string {
  const words = request.inferenceComponentName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (style === 'snake') return ['invoke', ...words.map((word) => word.toLowerCase())].join('_');
  return ['invoke', ...words.map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())].join('');
}
