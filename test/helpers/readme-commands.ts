/**
 * The command lines README.md shows: every line of its fenced shell blocks, and every inline code
 * span that calls `edgelab`. The README test runs them or lists why it cannot, so a line added to the
 * README is either proven to work or named as one that cannot run here.
 */

export interface ReadmeLine {
  /** The line as the README shows it, continuation lines joined, trailing comment removed. */
  text: string;
  where: 'fenced' | 'inline';
  /** 1-based line in README.md where it starts. */
  line: number;
}

const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'console']);

/** Removes a `# comment` that is not inside quotes. */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

export function fencedShellLines(readme: string): ReadmeLine[] {
  const lines = readme.split('\n');
  const out: ReadmeLine[] = [];
  let inShell = false;
  let inFence = false;
  let pending: { text: string; line: number } | null = null;
  lines.forEach((raw, i) => {
    const fence = /^```\s*(\w*)/.exec(raw);
    if (fence) {
      inShell = !inFence && SHELL_FENCES.has(fence[1]!);
      inFence = !inFence;
      return;
    }
    if (!inShell) return;
    const text = withoutComment(raw).trim();
    const continued = text.endsWith('\\');
    const part = continued ? text.slice(0, -1).trim() : text;
    pending = pending ? { text: `${pending.text} ${part}`, line: pending.line } : { text: part, line: i + 1 };
    if (!continued) {
      if (pending.text !== '') out.push({ text: pending.text, where: 'fenced', line: pending.line });
      pending = null;
    }
  });
  return out;
}

/** Inline code spans (outside fenced blocks, possibly across one line break) that call edgelab. */
export function inlineEdgelabLines(readme: string): ReadmeLine[] {
  const lines = readme.split('\n');
  let inFence = false;
  const prose = lines.map((l) => {
    if (/^```/.test(l)) {
      inFence = !inFence;
      return '';
    }
    return inFence ? '' : l;
  }).join('\n');
  const out: ReadmeLine[] = [];
  for (const match of prose.matchAll(/`([^`]+)`/g)) {
    const span = match[1]!;
    if (span.includes('\n\n')) continue;
    const text = span.replace(/\s*\n\s*/g, ' ').replace(/\\\|/g, '|').trim();
    // A span that starts with the command (after any VAR=value) is a command line; one that only
    // quotes a message mentioning edgelab is not.
    if (!/^(\w+=\S+\s+)*(npx |\.\/)?edgelab\s+\S/.test(text)) continue;
    const line = prose.slice(0, match.index).split('\n').length;
    out.push({ text, where: 'inline', line });
  }
  return out;
}

/**
 * A usage synopsis or a mention of a command rather than a line to run: placeholders (`MODEL`,
 * `RUN...`, `[--json]`, `a|b`, `…`), or nothing but command words and flags without values
 * (`edgelab ladder explain`, `edgelab compare --as-variants`).
 */
export function isSynopsis(text: string): boolean {
  const words = shellWords(text);
  const at = words.findIndex((w) => /(^|\/)edgelab$/.test(w));
  const rest = words.slice(at + 1);
  if (rest.every((w) => /^(--)?[a-z][a-z-]*$/.test(w))) return true;
  return /[[\]|…]|\.\.\./.test(text) || rest.some((w) => /^"?[A-Z][A-Z0-9_]*(\.[a-z]+)?"?$/.test(w));
}

/** The command words of a synopsis (`ladder assess`) and the flags it names. */
export function synopsisParts(text: string): { command: string[]; flags: string[] } {
  const words = shellWords(text);
  const rest = words.slice(words.findIndex((w) => /(^|\/)edgelab$/.test(w)) + 1);
  const end = rest.findIndex((w) => !/^[a-z][a-z-]*$/.test(w));
  return { command: end === -1 ? rest : rest.slice(0, end), flags: [...new Set(text.match(/--[a-z][a-z0-9-]*/g) ?? [])] };
}

/** Splits a command line as a POSIX shell would for the plain lines the README holds (quotes, no expansion). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new Error(`unclosed quote in: ${line}`);
  if (word !== null) words.push(word);
  return words;
}
