import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { locateBotocore } from './botocoreData';

/** A member of a structure: its shape and where the protocol binds it. */
export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  idempotencyToken?: boolean;
  eventpayload?: boolean;
}

/** One shape of a botocore model, with the constraints the service enforces. */
export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'blob';
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  union?: boolean;
  document?: boolean;
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  timestampFormat?: string;
  streaming?: boolean;
  eventstream?: boolean;
}

export interface Operation {
  name: string;
  http?: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  /** botocore's name for the service (its data folder), e.g. `sagemaker`, `cloudwatch`. */
  name: string;
  apiVersion: string;
  metadata: { protocol: string; protocols?: string[]; endpointPrefix: string; targetPrefix?: string; timestampFormat?: string; serviceId?: string };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

/** The services the emulator serves, by botocore's names. */
export const emulatedServices = ['sagemaker', 'sagemaker-runtime', 'application-autoscaling', 'cloudwatch', 'scheduler', 'iam'] as const;
export type EmulatedService = (typeof emulatedServices)[number];

const loaded = new Map<string, ServiceModel>();

/** The newest API version of a service's model in botocore on this machine, read once. */
export function loadServiceModel(name: string): ServiceModel {
  const cached = loaded.get(name);
  if (cached) return cached;
  const { dataDir } = locateBotocore();
  const serviceDir = join(dataDir, name);
  if (!existsSync(serviceDir)) throw new Error(`botocore on this machine has no model of ${name} (looked in ${serviceDir}).`);
  const apiVersion = readdirSync(serviceDir).filter((entry) => /^\d{4}-\d{2}-\d{2}$/.test(entry)).sort().at(-1);
  if (!apiVersion) throw new Error(`botocore's ${serviceDir} holds no API version.`);
  const file = join(serviceDir, apiVersion, 'service-2.json');
  const text = existsSync(`${file}.gz`) ? gunzipSync(readFileSync(`${file}.gz`)).toString('utf8') : readFileSync(file, 'utf8');
  const raw = JSON.parse(text) as Omit<ServiceModel, 'name' | 'apiVersion'>;
  const model: ServiceModel = { name, apiVersion, metadata: raw.metadata, operations: raw.operations, shapes: raw.shapes };
  loaded.set(name, model);
  return model;
}

/** The operation's modelled error codes (the error shape's `error.code` when it has one, else its name). */
export function operationErrorCodes(model: ServiceModel, operation: string): string[] {
  const found = model.operations[operation];
  if (!found) throw new Error(`${model.name} has no operation ${operation}.`);
  return (found.errors ?? []).map(({ shape }) => model.shapes[shape]?.error?.code ?? shape);
}
