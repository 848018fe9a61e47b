import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/**
 * The CLI is a transport, as serve and the desktop app are (DESIGN.md "Shape"): a command parses
 * its flags into a LabApi request, calls the lab it got from the one factory, and renders the
 * answer with the presentation layer. So core/cli may reach only these; anything a command needs
 * from the measuring or keeping modules has to be a LabApi call, which every face then has.
 */
const ALLOWED: { where: string; why: string }[] = [
  { where: 'core/cli/', why: 'the command itself' },
  { where: 'core/api/', why: 'the LabApi contract: requests, answers, errors, exit codes' },
  { where: 'core/present/', why: 'the one presentation layer the reports and the app draw from too' },
  { where: 'core/output/', why: 'writing --out files safely, the CLI\'s own job' },
  { where: 'core/lab/open-lab.ts', why: 'the lab\'s one factory' },
  { where: 'core/server/', why: '`edgelab serve` starts the HTTP face over the lab it opened: a face starting a face, not a measuring or keeping module' },
  { where: 'core/package-root.ts', why: 'where the installed package sits: the version --version prints' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * The specifiers of every import and re-export, `import type` included, and of import() with a
 * literal. Comments are blanked first so an example in a comment is not read as an import.
 */
export function specifiersOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = [
    ...code.matchAll(/\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?)\s+from\s+['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\s+['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1]!);
}

function importsOf(file: string): string[] {
  return specifiersOf(readFileSync(file, 'utf8'))
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.relative(repoRoot, path.resolve(path.dirname(file), specifier)).replace(/\.js$/, '.ts').split(path.sep).join('/'));
}

describe('core/cli reaches the core only through LabApi', () => {
  const files = sourceFiles(path.join(repoRoot, 'core', 'cli'));

  it('finds the commands it holds to the rule', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith(path.join('commands', 'bench.ts')))).toBe(true);
  });

  it('imports nothing but the contract, the presentation layer, the output writer and the lab factory', () => {
    const outside = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => !ALLOWED.some((a) => (a.where.endsWith('/') ? target.startsWith(a.where) : target === a.where)))
        .map((target) => `${path.relative(repoRoot, file)} -> ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it('counts type-only imports too: a reader meets them all the same', () => {
    const source = "import type { Workspace } from '../evidence/index.js';\nimport {\n  a,\n  b,\n} from '../api/x.js';\nexport { c } from './c.js';\n// import { d } from '../d.js';\n";
    expect(specifiersOf(source)).toEqual(['../evidence/index.js', '../api/x.js', './c.js']);
  });
});
