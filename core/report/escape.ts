/**
 * Characters a terminal or a viewer acts on instead of showing: C0 controls but tab and newline
 * (ESC starts a terminal escape, CR overwrites the line, BEL rings), DEL, the C1 controls (U+009B is
 * a one-byte CSI), and the bidirectional marks and overrides that reorder what is shown.
 */
const UNSEEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const uEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * User-given text (a label, a tag, a model's input names, a path) as it may be printed: every
 * character that would act rather than show is written as its \uXXXX escape, so a label holding
 * ESC [2J is seen as text, never obeyed by the terminal. Tab and newline are kept; `visibleLine`
 * escapes them too, for text that must stay on one line.
 */
export function visibleText(text: string): string {
  return text.replace(UNSEEN, uEscape);
}

/** visibleText, with tab and newline escaped as well: a label in a table row stays one row. */
export function visibleLine(text: string): string {
  return visibleText(text).replace(/[\t\n]/g, uEscape);
}

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
