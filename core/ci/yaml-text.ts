/**
 * The little YAML the workflow files need, written by hand so the files read as a person would write
 * them (comments, key order). Values that reach here are labels and paths held to safe characters by
 * the request's schema, or the fixed step texts; `quoted` is for the rest.
 */

/** A double-quoted YAML scalar (JSON's string syntax is valid YAML). */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

/** Shell text as a literal block scalar (`|`), every line indented by `indent` spaces. */
export function literalBlock(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return `|\n${text.split('\n').map((line) => (line === '' ? '' : pad + line)).join('\n')}`;
}

/** Comment lines, each `# …`, at `indent` spaces. */
export function comment(lines: readonly string[], indent = 0): string {
  const pad = ' '.repeat(indent);
  return lines.map((line) => `${pad}#${line === '' ? '' : ` ${line}`}`).join('\n');
}
