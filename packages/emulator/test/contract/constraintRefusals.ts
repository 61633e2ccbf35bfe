import { type ServiceModel, type Shape, type Violation } from '@s2z/service-models';

/**
 * How AWS refuses input that breaks the model's constraints, for the emulated services:
 *
 *   400 ValidationException (awsJson, restJson; SageMaker runtime: ValidationError, its modelled shape)
 *   400 ValidationError (awsQuery: IAM, and CloudWatch, whose JSON answers carry it in
 *   x-amzn-query-error), with the message
 *   "N validation error(s) detected: Value '…' at '<member path>' failed to satisfy constraint: Member must …; …"
 *
 * Member paths are the members' names with a lowercase first letter, list items of structures as
 * `.N.member.` (from 1): `productionVariants.1.member.variantName`. A constraint on the items of a
 * list of strings is reported once for the list ("Member must satisfy constraint: [Member must …]"),
 * on a map's values or keys once for the map ("Map value must satisfy constraint: […]", "Map keys
 * must satisfy constraint: […]"). Each broken constraint is one error (an empty name breaks its
 * minimum length and its pattern: two errors).
 *
 * Sources: the Common Errors pages (ValidationError: "The input fails to satisfy the constraints
 * specified by an AWS service", 400), the models' ValidationException shapes (SageMaker runtime's
 * `ValidationError`, Scheduler's and Application Auto Scaling's `ValidationException`), and
 * AWS's answers as users quote them (e.g. IAM: "1 validation error detected: Value 'a b' at
 * 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+").
 */
export const constraintRefusalCodes: Readonly<Record<string, { code: readonly string[]; queryCode?: string }>> = {
  sagemaker: { code: ['ValidationException'] },
  'application-autoscaling': { code: ['ValidationException'] },
  scheduler: { code: ['ValidationException'] },
  'sagemaker-runtime': { code: ['ValidationError'] },
  cloudwatch: { code: ['ValidationException', 'ValidationError'], queryCode: 'ValidationError' },
  iam: { code: ['ValidationError'] },
  // CloudWatch Logs' model has no ValidationException: AWS answers its modelled InvalidParameterException.
  logs: { code: ['InvalidParameterException'] },
  // Account's model (restJson1) has a ValidationException, modelled for ListRegions.
  account: { code: ['ValidationException'] },
};

type Token = { member: string } | { index: number } | { mapValue: string } | { mapKey: string };

function tokens(path: string): Token[] {
  const out: Token[] = [];
  const pattern = /\.?([A-Za-z0-9_]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\{key ("(?:[^"\\]|\\.)*")\}/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(path)) !== null) {
    if (match[1] !== undefined) out.push({ member: match[1] });
    else if (match[2] !== undefined) out.push({ index: Number(match[2]) });
    else if (match[3] !== undefined) out.push({ mapValue: JSON.parse(match[3]) as string });
    else out.push({ mapKey: JSON.parse(match[4]) as string });
    if (pattern.lastIndex === path.length) break;
  }
  return out;
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** The shape at a validator path, and AWS's name for where it is reported. */
function locate(model: ServiceModel, inputShape: string, path: string): { shape: Shape; awsPath: string; group?: 'member' | 'value' | 'key' } {
  let shape = model.shapes[inputShape];
  let awsPath = '';
  const list = tokens(path);
  for (let index = 0; index < list.length; index++) {
    const token = list[index];
    const last = index === list.length - 1;
    if ('member' in token) {
      awsPath += awsPath ? `.${lowerFirst(token.member)}` : lowerFirst(token.member);
      shape = model.shapes[shape.members![token.member].shape];
    } else if ('index' in token) {
      const item = model.shapes[shape.member!.shape];
      if (last || !['structure', 'list', 'map'].includes(item.type)) return { shape: item, awsPath, group: 'member' };
      awsPath += `.${token.index + 1}.member`;
      shape = item;
    } else if ('mapValue' in token) {
      const value = model.shapes[shape.value!.shape];
      if (last || !['structure', 'list', 'map'].includes(value.type)) return { shape: value, awsPath, group: 'value' };
      awsPath += `.${token.mapValue}`;
      shape = value;
    } else {
      return { shape: model.shapes[shape.key!.shape], awsPath, group: 'key' };
    }
  }
  return { shape, awsPath };
}

/** AWS's words for a broken constraint, after "Member must ". */
function phrase(violation: Violation, shape: Shape): string {
  const numeric = ['integer', 'long', 'float', 'double'].includes(shape.type);
  switch (violation.rule) {
    case 'required':
      return 'not be null';
    case 'min':
      return numeric ? `have value greater than or equal to ${shape.min}` : `have length greater than or equal to ${shape.min}`;
    case 'max':
      return numeric ? `have value less than or equal to ${shape.max}` : `have length less than or equal to ${shape.max}`;
    case 'pattern':
      return `satisfy regular expression pattern: ${shape.pattern}`;
    case 'enum':
      return 'satisfy enum value set: [';
    default:
      return `(${violation.rule})`;
  }
}

export interface ExpectedRefusal {
  /** How many errors the message counts ("N validation errors detected"). */
  count: number;
  /** Text each error puts in the message. */
  fragments: string[];
  /** The member paths AWS names, each with what it says after "failed to satisfy constraint: ". */
  items: { awsPath: string; words: string }[];
}

/** The errors a refusal message lists: where, and what it says each breaks. */
export function refusalItems(message: string): { awsPath: string; words: string }[] {
  return [...message.matchAll(/ at '([^']*)' failed to satisfy constraint: ((?:Member must|Map keys must|Map value must)[^;]*?)(?=; Value | at '|$)/g)].map((match) => ({ awsPath: match[1], words: match[2] }));
}

/** The refusal AWS gives for input with these violations (the validator's, of the whole request). */
export function expectedRefusal(model: ServiceModel, inputShape: string, violations: readonly Violation[]): ExpectedRefusal {
  const fragments: string[] = [];
  const items: ExpectedRefusal['items'] = [];
  const groups = new Set<string>();
  for (const violation of violations) {
    const { shape, awsPath, group } = locate(model, inputShape, violation.path);
    const words = `Member must ${phrase(violation, shape)}`;
    items.push({ awsPath, words });
    if (!group) {
      fragments.push(`at '${awsPath}' failed to satisfy constraint: ${words}`);
      continue;
    }
    const head = group === 'member' ? 'Member must satisfy constraint: [' : group === 'value' ? 'Map value must satisfy constraint: [' : 'Map keys must satisfy constraint: [';
    groups.add(`${awsPath} ${group}`);
    fragments.push(`at '${awsPath}' failed to satisfy constraint: ${head}`, words);
  }
  const single = violations.filter((violation) => !locate(model, inputShape, violation.path).group).length;
  return { count: single + groups.size, fragments: [...new Set(fragments)], items };
}

/** The validator's path of a required member it reports (`A.B`), as AWS names it (`a.b`): for the boundary checks. */
export function awsMemberPath(model: ServiceModel, inputShape: string, path: string): string {
  return locate(model, inputShape, path).awsPath;
}
