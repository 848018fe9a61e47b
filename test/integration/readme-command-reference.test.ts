import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../core/cli/commands/index.js';
import { importers } from '../../core/cli/commands/import.js';
import { collectHelp, currentReference, END_MARKER, renderReference, START_MARKER, withReference, type HelpPage } from '../../scripts/docs/command-reference.js';
import { repoRoot } from '../helpers/cli.js';

/**
 * README.md's command reference is the help the real, built `edgelab` prints (every command and
 * subcommand, each `--help` run as its own process), regenerated here in memory and compared.
 */
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
let pages: HelpPage[] = [];

describe('README.md command reference', () => {
  beforeAll(async () => {
    pages = await collectHelp();
  }, 180_000);

  it('is what the built CLI prints for --help, word for word', () => {
    expect(currentReference(readme), 'README.md\'s command reference differs from the help the CLI prints: run `npm run docs:commands` and commit README.md').toBe(renderReference(pages));
  });

  it('has every command of the command table and every import tool, and no subcommand that only repeats its command\'s help', () => {
    const headings = [...currentReference(readme).matchAll(/^### (edgelab.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(expect.arrayContaining(['edgelab', ...Object.keys(commands).map((c) => `edgelab ${c}`), ...Object.keys(importers).map((t) => `edgelab import ${t}`)]));
    // `edgelab runs verify --help` prints `edgelab runs --help`'s text: one section holds it.
    expect(headings).not.toContain('edgelab runs verify');
    expect(pages.length).toBe(headings.length);
    expect(new Set(pages.map((p) => p.text)).size).toBe(pages.length);
  });

  it('is written only between its two markers, and a README without them is named as such', () => {
    const reference = `${START_MARKER}\nnew\n${END_MARKER}`;
    expect(withReference(`before\n${START_MARKER}\nold\n${END_MARKER}\nafter\n`, reference)).toBe(`before\n${reference}\nafter\n`);
    expect(() => withReference('no markers here', reference)).toThrow(`README.md needs the lines ${START_MARKER} and ${END_MARKER}`);
    expect(() => withReference(`${END_MARKER}\n${START_MARKER}`, reference)).toThrow('in that order');
  });
});
