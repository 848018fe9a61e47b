import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name)).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** `./x.js` names x.ts or x.tsx, as the compilers resolve it. */
function sourceOf(resolved: string): string {
  const base = resolved.replace(/\.js$/, '');
  return [`${base}.ts`, `${base}.tsx`, resolved].find((c) => existsSync(path.join(root, c))) ?? resolved;
}

interface ImportEdge {
  /** The module as written. */
  specifier: string;
  /** The repository file it names (relative, .ts/.tsx), or null for a package or node: module. */
  target: string | null;
  /** Erased when compiled: `import type`, `export type`, or `import('…').T` in a type position. */
  typeOnly: boolean;
}

/**
 * Every module a file names, read by a parser rather than a pattern (rolldown's, the one Vite bundles
 * the renderer with): static imports and re-exports, `import x = require()`, dynamic `import()` and
 * import types, so neither a multi-line import nor a lazy `await import()` slips past.
 */
async function importsOf(file: string): Promise<ImportEdge[]> {
  const program = parseAst(await readFile(path.join(root, file), 'utf8'), { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' });
  const edges: ImportEdge[] = [];
  const add = (source: unknown, typeOnly: boolean) => {
    const specifier = (source as { value?: unknown } | null)?.value;
    if (typeof specifier !== 'string') return;
    const target = specifier.startsWith('.') ? sourceOf(path.relative(root, path.resolve(path.dirname(path.join(root, file)), specifier))) : null;
    edges.push({ specifier, target, typeOnly });
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    switch (n['type']) {
      case 'ImportDeclaration': add(n['source'], n['importKind'] === 'type'); break;
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration': add(n['source'], n['exportKind'] === 'type'); break;
      case 'TSImportEqualsDeclaration': add((n['moduleReference'] as { expression?: unknown } | null)?.expression, n['importKind'] === 'type'); break;
      case 'ImportExpression': add(n['source'], false); break;
      case 'TSImportType': add(n['source'], true); break;
    }
    for (const value of Object.values(n)) if (typeof value === 'object') visit(value);
  };
  visit(program);
  return edges;
}

const under = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);
const isNodeBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '');

describe('the presentation layer', () => {
  it('is the only core the renderer reaches for values: from core/api it takes types, from core/present functions', async () => {
    const crossings: string[] = [];
    let crossingsChecked = 0;
    for (const file of await sourceFiles('renderer')) {
      for (const edge of await importsOf(file)) {
        if (edge.target === null || !under(edge.target, 'core')) continue;
        crossingsChecked++;
        const allowed = under(edge.target, 'core/present') || (under(edge.target, 'core/api') && edge.typeOnly);
        if (!allowed) crossings.push(`${file} imports ${edge.typeOnly ? 'types from ' : ''}${edge.specifier}`);
      }
    }
    // The walk saw the renderer's real imports of core, so an empty list is a finding, not a blind spot.
    expect(crossingsChecked).toBeGreaterThan(50);
    expect(crossings).toEqual([]);
  });

  it('imports nothing from Node, the lab, the evidence store, the faces or the app, directly or through what it imports', async () => {
    const forbidden = ['core/lab', 'core/evidence', 'core/cli', 'core/server', 'electron', 'renderer'];
    const problems: string[] = [];
    const seen = new Set<string>();
    const queue = await sourceFiles('core/present');
    expect(queue.length).toBeGreaterThan(30);
    // Walks everything core/present reaches, type imports too: the renderer's type-check compiles them all.
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const edge of await importsOf(file)) {
        const from = under(file, 'core/present') ? file : `${file} (reached from core/present)`;
        if (isNodeBuiltin(edge.specifier)) problems.push(`${from} imports ${edge.specifier}`);
        if (edge.target === null) continue;
        const target = edge.target;
        const layer = forbidden.find((f) => under(target, f));
        if (layer) problems.push(`${from} imports ${edge.specifier} (${layer})`);
        else queue.push(target);
      }
    }
    expect(problems).toEqual([]);
  });

  it('fails the renderer type-check when it imports Node-side core code', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-layer-'));
    try {
      await writeFile(path.join(dir, 'probe.ts'), `import type { LadderStatus } from '${path.join(root, 'core/ladder/index.js')}';\nexport const status: LadderStatus | null = null;\n`);
      await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(root, 'tsconfig.renderer.json'), include: [], files: ['probe.ts'] }));
      const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
      const result = await promisify(execFile)(tsc, ['-p', path.join(dir, 'tsconfig.json')]).then(
        () => ({ failed: false, stdout: '' }),
        (e: { stdout?: string }) => ({ failed: true, stdout: e.stdout ?? '' }),
      );
      expect(result.failed).toBe(true);
      expect(result.stdout).toMatch(/Cannot find name 'node:/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
