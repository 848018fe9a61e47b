import { spawn } from 'node:child_process';
import path from 'node:path';
import { commands } from '../../core/cli/commands/index.js';
import { importers } from '../../core/cli/commands/import.js';
import { packageRoot } from '../../core/package-root.js';

/**
 * README.md's command reference, made from the help text the built `edgelab` prints: every command
 * of the command table, and every subcommand whose `--help` says more than its command's. Kept
 * between two marker comments so the rest of the README is written by hand.
 */

export const START_MARKER = '<!-- commands:start -->';
export const END_MARKER = '<!-- commands:end -->';

export interface HelpPage {
  /** The words after `edgelab`: [] for the top-level usage, ['import', 'trtexec'] for a subcommand. */
  words: string[];
  text: string;
}

/** Prints `edgelab WORDS --help` and resolves its stdout; rejects when it does not exit 0. */
export type HelpReader = (words: string[]) => Promise<string>;

/** The real built CLI (`node bin/edgelab.js … --help`), as a user runs it, with nothing of this shell's environment that help could echo. */
export const builtCliHelp: HelpReader = (words) =>
  new Promise((resolve, reject) => {
    const repoRoot = packageRoot();
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), ...words, '--help'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`edgelab ${words.join(' ')} --help exited ${code}: ${err.trim()}`))));
  });

/**
 * Words that may name a subcommand of `command`: the import tools, and every `edgelab COMMAND word`
 * in the command's own usage lines (runs show, ladder attest, export dvc …).
 */
function subcommandCandidates(command: string, help: string): string[] {
  const named = command === 'import' ? Object.keys(importers) : [];
  const inUsage = [...help.matchAll(new RegExp(`edgelab ${command} ([a-z][a-z-]*)`, 'g'))].map((m) => m[1]!);
  return [...new Set([...named, ...inUsage])];
}

/** Runs at most `width` readers at a time: two busy cores, some forty Node starts. */
async function inBatches<T, R>(items: T[], width: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(each))));
  return results;
}

export async function collectHelp(read: HelpReader = builtCliHelp): Promise<HelpPage[]> {
  const top: HelpPage = { words: [], text: await read([]) };
  const page = async (words: string[]): Promise<HelpPage> => ({ words, text: await read(words) });
  const pages = await inBatches(Object.keys(commands).map((name) => [name]), 4, page);
  const candidates = pages.flatMap((p) => subcommandCandidates(p.words[0]!, p.text).map((word) => [...p.words, word]));
  const subPages = await inBatches(candidates, 4, page);
  // A subcommand that prints its command's help is already in the reference.
  const own = (sub: HelpPage) => sub.text !== pages.find((p) => p.words[0] === sub.words[0])!.text;
  return [top, ...pages.flatMap((p) => [p, ...subPages.filter((sub) => sub.words[0] === p.words[0] && own(sub))])];
}

export function renderReference(pages: HelpPage[]): string {
  const sections = pages.map((page) => {
    const name = ['edgelab', ...page.words].join(' ');
    const body = page.text.replace(/\s+$/, '');
    if (body.includes('```')) throw new Error(`${name} --help contains a code fence, which would end the README's block`);
    return `### ${name}\n\n\`\`\`text\n${body}\n\`\`\``;
  });
  return [
    START_MARKER,
    '<!-- Written by `npm run docs:commands` from each command\'s --help: change the help text in core/cli, then run it. -->',
    '',
    sections.join('\n\n'),
    '',
    END_MARKER,
  ].join('\n');
}

/** Where the reference sits in README.md: from its start marker to the end of its end marker. */
function referenceSpan(readme: string): { start: number; end: number } {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md needs the lines ${START_MARKER} and ${END_MARKER}, in that order, where the command reference goes`);
  return { start, end: end + END_MARKER.length };
}

/** README with the reference (markers included) replaced by `reference`. */
export function withReference(readme: string, reference: string): string {
  const { start, end } = referenceSpan(readme);
  return readme.slice(0, start) + reference + readme.slice(end);
}

/** The command reference README.md holds now, markers included. */
export function currentReference(readme: string): string {
  const { start, end } = referenceSpan(readme);
  return readme.slice(start, end);
}
