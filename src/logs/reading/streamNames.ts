/**
 * What a log stream's name says about where a line comes from. AWS documents endpoint streams as
 * `<VariantName>/<InstanceId>`; the inference-component layout `<VariantName>/<InstanceId>/<CopyId>`
 * is unconfirmed. So nothing here depends on a layout: the instance is the first segment that starts
 * `i-`, the copy is what follows it; when no segment does, the whole name is shown as it is.
 */

export interface StreamOrigin {
  /** The stream's name, always kept (shown when nothing could be read from it). */
  stream: string;
  /** The segments before the instance (the variant, usually). */
  variant?: string;
  /** The instance (`i-…`), when a segment names one. */
  instance?: string;
  /** What follows the instance (the copy), when anything does. */
  copy?: string;
}

export function readStreamName(stream: string): StreamOrigin {
  const segments = stream.split('/');
  const at = segments.findIndex((segment) => /^i-[A-Za-z0-9-]+$/.test(segment));
  if (at < 0) return { stream };
  const variant = segments.slice(0, at).join('/');
  const copy = segments.slice(at + 1).join('/');
  return {
    stream,
    ...(variant ? { variant } : {}),
    instance: segments[at],
    ...(copy ? { copy } : {}),
  };
}
