import { type ShapeTable } from '../protocols/shapeValidation';

/**
 * The fields of an awsQuery form that no member of the operation's input reads (`Action` and `Version`
 * aside): decoding a form by the model's shape drops them silently, so the recording lists them for the
 * check against the model to name as members the shape lacks. A field is read when its dotted name walks
 * the shape: a structure's member, a list's `member.N`, a map's `entry.N.key` / `entry.N.value`, ending
 * on a scalar (or on a list, `Name=` being an empty list).
 */
export function unreadQueryFields(table: ShapeTable, operation: string, params: URLSearchParams): string[] {
  const input = Object.hasOwn(table.operations, operation) ? table.operations[operation] : null;
  const unread: string[] = [];
  for (const key of new Set(params.keys())) {
    if (key === 'Action' || key === 'Version') continue;
    if (!input || !reads(table, input, key.split('.'))) unread.push(key);
  }
  return unread;
}

function reads(table: ShapeTable, ref: string, parts: readonly string[]): boolean {
  const shape = ref.length > 1 ? table.shapes[ref] : undefined;
  if (!shape) return parts.length === 0; // a scalar ends the name
  if (shape.members) {
    const [member, ...rest] = parts;
    return member !== undefined && Object.hasOwn(shape.members, member) && reads(table, shape.members[member], rest);
  }
  if (shape.list !== undefined) {
    if (parts.length === 0) return true;
    const [word, index, ...rest] = parts;
    return word === 'member' && /^\d+$/.test(index ?? '') && reads(table, shape.list, rest);
  }
  if (shape.map !== undefined) {
    const [word, index, side, ...rest] = parts;
    if (word !== 'entry' || !/^\d+$/.test(index ?? '')) return false;
    if (side === 'key') return rest.length === 0;
    return side === 'value' && reads(table, shape.map, rest);
  }
  return false;
}
