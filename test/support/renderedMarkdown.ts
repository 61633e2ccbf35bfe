import { createRequire } from 'node:module';

/** The Markdown renderer VS Code's preview uses (markdown-it), with its options there: HTML allowed, URLs linked. */
interface MarkdownIt {
  render(source: string): string;
}
const markdownIt = createRequire(__filename)('markdown-it') as (options: { html: boolean; linkify: boolean }) => MarkdownIt;

/** Markdown as VS Code's preview renders it, in HTML. */
export function renderMarkdown(source: string): string {
  return markdownIt({ html: true, linkify: true }).render(source);
}

/** What a reader sees of rendered HTML: the text, tags removed, entities decoded, one line per block. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n{2,}/g, '\n');
}
