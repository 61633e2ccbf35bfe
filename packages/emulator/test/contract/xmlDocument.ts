/** An XML element as the awsQuery answers hold them: a name, child elements and text (no attributes needed). */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const known = entities[entity];
    if (known === undefined) throw new Error(`unknown XML entity ${whole}`);
    return known;
  });
}

/**
 * Parses an XML document into elements, strictly enough to catch a malformed answer (a closing tag
 * that does not match, text outside the root): what the answers' checks need, no more.
 */
export function parseXml(source: string): XmlElement {
  const text = source.replace(/^\uFEFF?\s*(<\?xml[^?]*\?>)?\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < text.length && (match = tag.exec(text)) !== null) {
    at = tag.lastIndex;
    const [, closing, qualified, , selfClosing, chars] = match;
    const name = qualified === undefined ? '' : qualified.slice(qualified.indexOf(':') + 1);
    if (chars !== undefined) {
      if (stack.length === 0) {
        if (chars.trim()) throw new Error(`text outside the root element: ${chars.slice(0, 40)}`);
        continue;
      }
      stack.at(-1)!.text += unescape(chars);
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      if (stack.length === 0) root = open;
      continue;
    }
    if (root) throw new Error(`a second root element <${name}>`);
    const element: XmlElement = { name, children: [], text: '' };
    if (stack.length > 0) stack.at(-1)!.children.push(element);
    if (selfClosing) {
      if (stack.length === 0) root = element;
    } else stack.push(element);
  }
  if (at < text.length) throw new Error(`unreadable XML at ${text.slice(at, at + 40)}`);
  if (stack.length > 0 || !root) throw new Error(`unclosed <${stack.at(-1)?.name ?? 'root'}>`);
  return root;
}
