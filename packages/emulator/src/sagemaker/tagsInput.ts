import { type JsonReader } from '../protocols/jsonReader';
import { type Tag } from './records';

/** Reads a `Tags` list (at most 50 key/value pairs). */
export function readTags(input: JsonReader, member = 'Tags', required = false): Tag[] {
  const list = input.objectList(member, { required, max: 50 }) ?? [];
  return list.map((tag) => ({
    Key: tag.string('Key', { required: true, min: 1, max: 128 }) ?? '',
    Value: tag.string('Value', { max: 256 }) ?? '',
  }));
}

/** Adds or replaces tags by key. */
export function mergeTags(existing: Tag[], added: readonly Tag[]): Tag[] {
  const merged = existing.filter((tag) => !added.some((next) => next.Key === tag.Key));
  return [...merged, ...added];
}
