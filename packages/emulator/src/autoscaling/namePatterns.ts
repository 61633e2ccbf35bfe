/**
 * Application Auto Scaling's string constraints as its service model states them
 * (botocore `application-autoscaling/2016-02-06`), rewritten for JavaScript. AWS quotes the model's
 * pattern in its message, so each rule keeps the model's text. The model's patterns are Java
 * regular expressions matched against the whole value (unanchored, `a/b` would pass the
 * scheduled-action-name pattern at its last character, which is not what the pattern says).
 */

/** `XmlString` / `ResourceIdMaxLen1600`: the characters XML allows (no control characters but tab, CR, LF). */
const xmlChars = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\r\n\t]*$/u;
const xmlCharsText = '[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*';

/** `ResourceIdMaxLen1600`: resource IDs, role ARNs, schedules, time zones, and the names Delete* takes. */
export const resourceIdRule = { min: 1, max: 1600, pattern: xmlChars, patternText: xmlCharsText } as const;

/** `XmlString` (no length limits): NextToken, metric labels and statistics. */
export const xmlStringRule = { pattern: xmlChars, patternText: xmlCharsText } as const;

/** The same characters with a length range (metric names, namespaces, units, expressions, query ids). */
export function xmlStringOfLength(min: number, max: number) {
  return { min, max, pattern: xmlChars, patternText: xmlCharsText } as const;
}

/**
 * `ScheduledActionName`: no leading or trailing space, no control character (C0, DEL, C1) and none of
 * `:`, `/`, `|` (the separators of the scheduled action's ARN).
 */
export const scheduledActionNameRule = {
  min: 1,
  max: 256,
  // The model's own character classes (C0 and C1 controls), so the lint rule against control characters does not apply.
  // eslint-disable-next-line no-control-regex
  pattern: /^(?!((^[ ]+.*)|(.*([\u0000-\u001f]|[\u007f-\u009f]|[:/|])+.*)|(.*[ ]+$))).+$/u,
  patternText: '(?!((^[ ]+.*)|(.*([\\u0000-\\u001f]|[\\u007f-\\u009f]|[:/|])+.*)|(.*[ ]+$))).+',
} as const;

/**
 * `PolicyName`: `\p{Print}+`. In Java (the model's regular expressions), `\p{Print}` is the POSIX
 * class: printable ASCII, space to `~`. Whether AWS also refuses other printable Unicode characters
 * is not published beyond the pattern.
 */
export const policyNameRule = { min: 1, max: 256, pattern: /^[\x20-\x7E]+$/, patternText: '\\p{Print}+' } as const;
