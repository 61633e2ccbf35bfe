import { redactSecrets } from '../../logging/redact';
import { type OverwrittenResource } from './overwrites';
import { type CreatedResource, type Plan, type PlanStep, type PlanValue, resourceKey, resourceNamingMembers } from './plan';
import { describeResource } from './resourceProbe';

/**
 * The record of an unfinished plan, as the plan session keeps it on disk (the extension's global
 * storage) so that a reload or a crash does not lose the list of what the plan created: the only
 * thing a rollback works from. Plain JSON. Reading is defensive: a record is taken only when its plan
 * and its list of created resources can be used; every entry of the list is kept as written (a newer
 * runner may record more about each resource), checked only for what a rollback needs.
 */
export interface PlanProgressRecord {
  /** Names the record (and its file): unique per run of a wizard. */
  id: string;
  /** The wizard's title: "Create Scale-to-Zero Endpoint". */
  wizard: string;
  /** The connection the plan ran on (no credentials: a profile name, a region, an emulator URL). */
  connectionKey: string;
  /** The connection in words, for messages: "AWS profile dev in us-east-1". */
  connectionLabel: string;
  plan: Plan;
  /** What the plan created, in creation order: exactly what a rollback deletes. */
  created: CreatedResource[];
  /**
   * What its runs wrote over (alarms, policies, targets, schedules), with the calls that put each
   * back: a rollback restores them. An entry whose previous values held a secret is saved without
   * them (`valuesNotSaved`), and a rollback after a restart says it cannot put that one back.
   */
  overwritten?: OverwrittenResource[];
  /** The id its runs tagged what they created with (`s2z:plan-run`): a resumed run keeps it. */
  runId?: string;
  /** 'running' while a run is under way (found so after a restart: the window closed mid-run); 'stopped' when left or cancelled. */
  state: 'running' | 'stopped';
  /** Who is running it: a record still running in another live window is not offered here. */
  owner: { pid: number; session: string };
  startedAt: string;
  updatedAt: string;
  /**
   * Steps with values not written to disk (environment variables, anything that looks like a
   * credential): resuming after a restart is possible only when their resources were already created.
   */
  unsavedSteps: string[];
  /** The plan ran on an account that ends with its window (the local emulator the extension starts). */
  endsWithWindow?: boolean;
}

export const planProgressVersion = 1;

/** A value left out of the file: `"[not saved]"` in place of an environment variable or a credential. */
export const unsavedValue = '[not saved]';

/** The map members whose values are never written: a container's environment often holds tokens. */
const unsavedMaps = new Set(['Environment']);

/**
 * The record as it is written: the plan's environment variable values and anything the credential
 * redaction recognises are replaced by {@link unsavedValue}, and the steps holding them are listed.
 */
export function toStoredRecord(record: PlanProgressRecord): Record<string, unknown> {
  const unsaved = new Set(record.unsavedSteps);
  const steps = record.plan.steps.map((step) => {
    const scrubbed = scrub(step.input, false);
    if (scrubbed.changed) unsaved.add(step.id);
    return { ...step, input: scrubbed.value as PlanStep['input'] };
  });
  const overwritten = record.overwritten?.map((entry) => {
    const scrubbed = scrub(entry.restore.input as PlanValue, false);
    return scrubbed.changed ? { ...entry, restore: { ...entry.restore, input: scrubbed.value as Record<string, unknown> }, valuesNotSaved: true } : entry;
  });
  const stored = {
    version: planProgressVersion,
    ...record,
    plan: { ...record.plan, steps },
    unsavedSteps: [...unsaved],
    ...(overwritten ? { overwritten } : {}),
  };
  return stored;
}

function scrub(value: PlanValue, unsavedMap: boolean): { value: PlanValue; changed: boolean } {
  if (typeof value === 'string') {
    if (unsavedMap) return { value: unsavedValue, changed: value !== unsavedValue };
    const redacted = redactSecrets(value);
    return redacted === value ? { value, changed: false } : { value: unsavedValue, changed: true };
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => scrub(item, unsavedMap));
    return { value: items.map((item) => item.value), changed: items.some((item) => item.changed) };
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const result: Record<string, PlanValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref') {
        result[key] = item;
        continue;
      }
      const scrubbed = scrub(item, unsavedMap || unsavedMaps.has(key));
      changed ||= scrubbed.changed;
      result[key] = scrubbed.value;
    }
    return { value: result, changed };
  }
  return { value, changed: false };
}

/** What reading one record gave: the record, or why it cannot be used (in words). */
export type ParsedRecord = { ok: true; record: PlanProgressRecord; warnings: string[] } | { ok: false; problem: string };


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A created resource a rollback can delete: a known kind with its naming members as strings. Other members are kept. */
export function isCreatedResource(value: unknown): value is CreatedResource {
  if (!isObject(value) || typeof value.kind !== 'string' || !Object.hasOwn(resourceNamingMembers, value.kind)) return false;
  return resourceNamingMembers[value.kind as CreatedResource['kind']].every((member) => typeof value[member] === 'string' && value[member] !== '');
}

/** A resource written over, with the call that puts it back: what a rollback needs to restore it. */
function isOverwritten(value: unknown): value is OverwrittenResource {
  if (!isObject(value) || !isObject(value.resource) || typeof value.resource.kind !== 'string' || !isObject(value.restore)) return false;
  const { service, operation, input } = value.restore;
  return typeof service === 'string' && typeof operation === 'string' && isObject(input);
}

function isStep(value: unknown): value is PlanStep {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.service === 'string' &&
    typeof value.operation === 'string' &&
    typeof value.description === 'string' &&
    isObject(value.input) &&
    (value.creates === undefined || isCreatedResource(value.creates))
  );
}

/**
 * Reads one record from parsed JSON, tolerating members it does not know and missing optional ones.
 * Refused only when there is nothing usable: no plan with steps, or no list of created resources.
 * A created entry a rollback could not use is dropped with a warning naming it.
 */
export function parseRecord(json: unknown): ParsedRecord {
  if (!isObject(json)) return { ok: false, problem: 'it is not a JSON object' };
  if (typeof json.version === 'number' && json.version > planProgressVersion) {
    return { ok: false, problem: `it was written by a newer version of the extension (format ${json.version})` };
  }
  const plan = json.plan;
  if (!isObject(plan) || typeof plan.title !== 'string' || !Array.isArray(plan.steps) || !plan.steps.every(isStep)) {
    return { ok: false, problem: 'its plan is missing or incomplete' };
  }
  if (!Array.isArray(json.created)) return { ok: false, problem: 'its list of created resources is missing' };
  if (typeof json.wizard !== 'string' || typeof json.connectionKey !== 'string') return { ok: false, problem: 'it does not say which wizard or connection it belongs to' };
  const warnings: string[] = [];
  const created: CreatedResource[] = [];
  for (const entry of json.created) {
    if (isCreatedResource(entry)) created.push(entry);
    else warnings.push(`an entry of its list of created resources could not be read: ${redactSecrets(JSON.stringify(entry) ?? String(entry)).slice(0, 200)}`);
  }
  const overwritten: OverwrittenResource[] = [];
  for (const entry of Array.isArray(json.overwritten) ? json.overwritten : []) {
    if (isOverwritten(entry)) overwritten.push(entry);
    else warnings.push(`an entry of its list of changed resources could not be read: ${redactSecrets(JSON.stringify(entry) ?? String(entry)).slice(0, 200)}`);
  }
  const owner = isObject(json.owner) && typeof json.owner.pid === 'number' && typeof json.owner.session === 'string' ? { pid: json.owner.pid, session: json.owner.session } : { pid: 0, session: '' };
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  const record: PlanProgressRecord = {
    ...(json as object),
    id: text(json.id, ''),
    wizard: json.wizard,
    connectionKey: json.connectionKey,
    connectionLabel: text(json.connectionLabel, 'the connection it ran on'),
    plan: plan as unknown as Plan,
    created,
    overwritten,
    ...(typeof json.runId === 'string' && json.runId !== '' ? { runId: json.runId } : {}),
    state: json.state === 'running' ? 'running' : 'stopped',
    owner,
    startedAt: text(json.startedAt, ''),
    updatedAt: text(json.updatedAt, ''),
    endsWithWindow: json.endsWithWindow === true ? true : undefined,
    unsavedSteps: Array.isArray(json.unsavedSteps) ? json.unsavedSteps.filter((id): id is string => typeof id === 'string') : [],
  };
  delete (record as { version?: unknown }).version;
  if (record.endsWithWindow === undefined) delete record.endsWithWindow;
  return { ok: true, record, warnings };
}

/** The resources a record lists, one per line, for a question that would forget them. */
export function describeCreated(created: readonly CreatedResource[]): string {
  return created.map((resource) => `• ${describeResource(resource)}`).join('\n');
}

/**
 * Steps a resume would have to run with values that were not saved: their resources are not in the
 * created list. Empty when the record can be resumed safely.
 */
export function stepsMissingValues(record: PlanProgressRecord): PlanStep[] {
  const createdKeys = new Set(record.created.map(resourceKey));
  return record.plan.steps.filter((step) => record.unsavedSteps.includes(step.id) && !(step.creates && createdKeys.has(resourceKey(step.creates))));
}

/** Where the plan session keeps unfinished plans: files in the extension's global storage, or memory. */
export interface PlanProgressStore {
  /** The records that can be used, and a sentence for each one that could not be read (it was set aside). Never throws. */
  list(): Promise<{ records: PlanProgressRecord[]; problems: string[] }>;
  /** Writes the record (already stripped of unsaved values by the caller) in one piece: a reader sees the old or the new one. */
  save(record: Record<string, unknown> & { id: string }): Promise<void>;
  remove(id: string): Promise<void>;
  /** This process's id, written as the owner of the runs it starts. */
  readonly pid: number;
  /** Whether a running record's owner is another process that is still alive (another window). */
  runningElsewhere(owner: PlanProgressRecord['owner']): boolean;
}

/** A store that forgets everything with the window: for tests and when there is no storage folder. */
export function memoryPlanProgressStore(): PlanProgressStore {
  const saved = new Map<string, string>();
  return {
    pid: 0,
    list: async () => {
      const records: PlanProgressRecord[] = [];
      for (const text of saved.values()) {
        const parsed = parseRecord(JSON.parse(text));
        if (parsed.ok) records.push(parsed.record);
      }
      return { records, problems: [] };
    },
    save: async (record) => {
      saved.set(record.id, JSON.stringify(record));
    },
    remove: async (id) => {
      saved.delete(id);
    },
    runningElsewhere: () => false,
  };
}
