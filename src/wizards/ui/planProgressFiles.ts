import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Logger } from '../../logging/logger';
import { parseRecord, type PlanProgressRecord, type PlanProgressStore } from '../plans/planProgress';

/** Record ids the session makes: letters, digits and dashes, so that an id is always a plain file name. */
const safeId = /^[A-Za-z0-9-]{1,100}$/;
const recordFile = /^([A-Za-z0-9-]{1,100})\.json$/;

/**
 * Unfinished plans as files, one per plan, in `directory` (the extension's global storage, so every
 * window sees them): `<id>.json`. A write goes to a temporary file in the same folder, then is renamed
 * over the record, so a crash mid-write leaves the old record or the new one, never half of one. A file
 * that cannot be read is renamed `<name>.corrupt-<time>` (kept for a look, never read again) and
 * reported once, in words; nothing here throws on a bad file.
 */
export function planProgressFiles(directory: string, logger: Logger): PlanProgressStore {
  let temporaryCount = 0;
  return {
    pid: process.pid,

    async list() {
      const records: PlanProgressRecord[] = [];
      const problems: string[] = [];
      let names: string[];
      try {
        names = await readdir(directory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records, problems };
        const problem = `The folder of unfinished plans (${directory}) could not be read: ${reason(error)}.`;
        logger.warn(problem);
        return { records, problems: [problem] };
      }
      for (const name of names.sort()) {
        if (!recordFile.test(name)) continue;
        const path = join(directory, name);
        let why: string;
        try {
          const parsed = parseRecord(JSON.parse(await readFile(path, 'utf8')));
          if (parsed.ok) {
            records.push(parsed.record);
            for (const warning of parsed.warnings) {
              const problem = `The record of the unfinished plan "${parsed.record.plan.title}" (${name}): ${warning}. Check the account for that resource yourself.`;
              logger.warn(problem);
              problems.push(problem);
            }
            continue;
          }
          why = parsed.problem;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed by another window meanwhile
          why = error instanceof SyntaxError ? 'it is not valid JSON' : reason(error);
        }
        const aside = `${name}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        let where: string;
        try {
          await rename(path, join(directory, aside));
          where = `it was set aside as ${join(directory, aside)}`;
        } catch (error) {
          where = `and it could not be set aside (${reason(error)}); delete it yourself`;
        }
        const problem = `A record of an unfinished plan could not be read (${name}: ${why}); ${where}. If a wizard's run was interrupted, check the account for resources it left.`;
        logger.warn(problem);
        problems.push(problem);
      }
      return { records, problems };
    },

    async save(record) {
      if (!safeId.test(record.id)) throw new Error(`Not a plan record id: ${record.id}`);
      await mkdir(directory, { recursive: true });
      const target = join(directory, `${record.id}.json`);
      const temporary = join(directory, `${record.id}.json.${process.pid}-${++temporaryCount}.tmp`);
      try {
        await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw error;
      }
    },

    async remove(id) {
      if (!safeId.test(id)) return;
      await rm(join(directory, `${id}.json`), { force: true });
    },

    runningElsewhere(owner) {
      if (!owner.pid || owner.pid === process.pid) return false;
      try {
        process.kill(owner.pid, 0);
        return true;
      } catch (error) {
        // EPERM: the process exists but belongs to someone else.
        return (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
  };
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
