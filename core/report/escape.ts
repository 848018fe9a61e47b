import { visibleText } from '../present/visible-text.js';

/**
 * Escapes text for XML and HTML element content and double-quoted attributes. Run labels, notes,
 * error messages and model paths are user text and may hold any of these characters.
 */
export function escapeXml(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c).replace(XML_INVALID, '\uFFFD');
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Control characters XML 1.0 forbids even as entities; an ONNX Runtime error message can carry them. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Markdown text outside code: GitHub renders raw HTML, so a label like `<details>` would change the
 * page; entities keep it literal. Newlines would end a list item or table row.
 */
export function escapeMarkdownText(text: string): string {
  return visibleText(text.replace(/\s*\r?\n\s*/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*[\]])/g, '\\$1')
    // Inside a word (mobilenet_v2) an underscore is literal in GFM; only at a word edge can it emphasise.
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
}

/** A Markdown table cell: as text, plus pipes, which would split the cell. */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdownText(text).replace(/\|/g, '\\|');
}

/** An inline code span whose fence is longer than any run of backticks inside it. */
export function markdownCode(text: string): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${visibleText(text.replace(/\r?\n/g, ' '))}${pad}${fence}`;
}
