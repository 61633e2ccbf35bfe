/** How a log line reads on the page and on the clipboard. */
import { type WireLine } from '../protocol';

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/** `HH:MM:SS.mmm` in the viewer's time zone. */
export function lineTime(t: number): string {
  const date = new Date(t);
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** `YYYY-MM-DD HH:MM:SS.mmm`, for the tooltip and the clipboard. */
export function lineDateTime(t: number): string {
  const date = new Date(t);
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${lineTime(t)}`;
}

/** Where a line comes from, short: the instance and copy when the stream names them, else the stream. */
export function lineOrigin(line: WireLine): { instance: string; copy: string } {
  if (!line.instance) return { instance: line.stream, copy: '' };
  return { instance: line.instance, copy: line.copy ?? '' };
}

/** One line as text: `2026-12-07 09:30:01.000  i-0abc  copy-1  INFO …`. */
export function lineAsText(line: WireLine): string {
  const origin = lineOrigin(line);
  return [lineDateTime(line.t), line.source, origin.instance, origin.copy, line.message].filter((part) => part !== undefined && part !== '').join('  ');
}

/** A stable colour slot (0-7) per container (stream), so lines of one copy are told apart at a glance. */
export function streamSlot(stream: string): number {
  let hash = 0;
  for (let i = 0; i < stream.length; i++) hash = (hash * 31 + stream.charCodeAt(i)) >>> 0;
  return hash % 8;
}
