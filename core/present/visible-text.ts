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
