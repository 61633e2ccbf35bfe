/**
 * Text written into generated code, safely: string literals Python 3 and JavaScript both read as the
 * same string, comment text, and shell words. The body comes from the user and names from the account,
 * so they may hold any character: quotes, backslashes, `${`, backticks, triple quotes, line breaks,
 * control characters, bidirectional controls that make code read differently from what it does, lone
 * surrogates. None of them is ever written raw where it could end a literal or a comment.
 */

/**
 * Characters written only as escapes: C0 controls, DEL and the C1 controls, the Unicode line and
 * paragraph separators, bidirectional controls, the byte order mark and the non-characters U+FFFE/U+FFFF.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;

/** Line breaks as editors, Python and JavaScript count them. */
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const lineBreaks = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;

/**
 * The text the playground sends: its UTF-8 encoding decoded again, so a lone surrogate (which UTF-8
 * cannot encode) becomes U+FFFD, as the SDK's TextEncoder sends it.
 */
export function sentText(text: string): string {
  return new TextDecoder('utf-8').decode(new TextEncoder().encode(text));
}

/** `\u2028`: one UTF-16 unit as a four-digit escape, which Python 3 and JavaScript strings both read. */
function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

const namedEscapes: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A single-quoted string literal that Python 3 (a `str`) and JavaScript read as `text` (after
 * `sentText`): backslash and quote escaped, line breaks and tabs as `\n` `\r` `\t`, every other unsafe
 * character as `\uXXXX`. Single quotes: no `${` or backtick means anything inside, and no triple quote
 * can form.
 */
export function quotedString(text: string): string {
  const escaped = sentText(text)
    .replace(/[\\'\n\r\t]/g, (char) => namedEscapes[char])
    .replace(unsafe, unicodeEscape);
  return `'${escaped}'`;
}

/**
 * The text as literals of at most one line each (each keeping its line break), for a long body spread
 * over source lines; concatenated they are the text. One literal for a text without line breaks.
 */
export function quotedLines(text: string): string[] {
  const lines = sentText(text).match(/[^\n]*\n|[^\n]+$/g) ?? [''];
  return lines.map(quotedString);
}

/** Text for a comment (`#` or `//` or inside a docstring): line breaks become spaces, other unsafe characters visible escapes, no `*\/` or `"""`. */
export function commentText(text: string): string {
  return sentText(text).replace(lineBreaks, ' ').replace(unsafe, unicodeEscape).replace(/\*\//g, '* /').replace(/"""/g, '"" "');
}

/** One word for a POSIX shell (sh, bash, zsh, dash): as it is when it is plain, else in single quotes. */
export function shellWord(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A POSIX `printf` command writing exactly the UTF-8 bytes of `text` (after `sentText`) to standard
 * output. Printable text, line breaks and tabs go in one single-quoted argument as they are; a text
 * with other control characters (a NUL included) goes as a format string with those bytes as octal escapes.
 */
export function printfCommand(text: string): string {
  const sent = sentText(text);
  const lineSafe = new RegExp(unsafe.source).test(sent.replace(/[\n\t]/g, '')) === false;
  if (lineSafe) return `printf '%s' ${`'${sent.replace(/'/g, `'\\''`)}'`}`;
  const format = sent
    .replace(/[\\%]/g, (char) => (char === '%' ? '%%' : '\\\\'))
    .replace(unsafe, (char) => [...new TextEncoder().encode(char)].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join(''));
  return `printf ${`'${format.replace(/'/g, `'\\''`)}'`}`;
}
