import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceImports, type SourceImports } from '../helpers/source-imports.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ROOTS = ['core', 'renderer', 'electron'];

/**
 * The floors of the house, from the faces down to the contract. A file may import files of its own
 * floor or of any floor below; never one above. Each floor is a list of folders (a file directly
 * under core/ is named whole). Reading from the top: the faces call the lab; the lab runs suites and
 * the runner process; both measure one run (core/measure) with an engine; the ONNX Runtime engine
 * is the bench loop; the ladder and exports draw on the reports, which render the pure
 * presentation functions of core/present; output checks and profiles are computed from models and traces; the
 * workspace keeps records; and the model, its inputs and sessions, telemetry, targets and
 * statistics stand on core/api.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['core/cli', 'core/server', 'electron', 'renderer'],
  ['core/lab'],
  ['core/suite', 'core/runner'],
  ['core/measure'],
  ['core/engines'],
  ['core/bench'],
  ['core/ladder', 'core/export', 'core/brief', 'core/ci', 'core/tradeoff'],
  ['core/report'],
  // The one presentation layer: the renderers above draw from it, the CLI and the React screens too.
  ['core/present'],
  ['core/evaluate', 'core/profile'],
  ['core/output'],
  ['core/evidence'],
  ['core/hardware'],
  ['core/inputs'],
  ['core/runtime'],
  ['core/model', 'core/telemetry', 'core/targets'],
  ['core/stats', 'core/charts', 'core/files'],
  ['core/api', 'core/package-root.ts', 'core/desktop'],
];

/** 'core/lab/run-queue.ts' → 'core/lab'; 'renderer/src/app.tsx' → 'renderer'; 'core/package-root.ts' stays whole. */
function placeOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'core') return parts[0]!;
  return parts.length > 2 ? `core/${parts[1]}` : file;
}

const floorOf = new Map(FLOORS.flatMap((places, floor) => places.map((place) => [place, floor] as const)));

/** Strongly connected components of more than one file (Tarjan), each with the imports that tie it. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) {
      const members = new Set(component);
      found.push(component.flatMap((a) => [...(edges.get(a) ?? [])].filter((b) => members.has(b)).map((b) => `${a} -> ${b}`)).sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

function sourceFilesOnDisk(): string[] {
  return ROOTS.flatMap((dir) =>
    readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.(c|m)?tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/')),
  );
}

describe('the layers of core, renderer and electron', () => {
  let graph: SourceImports;
  beforeAll(() => {
    graph = sourceImports(root, ROOTS);
  });

  it('reads every source file and resolves every relative import', () => {
    const unread = sourceFilesOnDisk().filter((f) => !graph.edges.has(f) && !f.includes('/node_modules/'));
    expect(unread, 'files no tsconfig reads: their imports would go unchecked').toEqual([]);
    expect(graph.unresolved).toEqual([]);
    // The walk itself is sound: a known import of each root is seen.
    expect(graph.edges.get('core/lab/lab-service.ts')).toContain('core/api/lab-api.ts');
    expect([...graph.edges.get('electron/main.ts') ?? []].some((f) => f.startsWith('core/'))).toBe(true);
  });

  it('places every folder on a floor', () => {
    const unplaced = [...new Set([...graph.edges.keys()].map(placeOf))].filter((place) => !floorOf.has(place)).sort();
    expect(unplaced, 'add each to FLOORS, below everything that imports it').toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cycles(graph.edges)).toEqual([]);
  });

  it('has no import from a lower floor up to a higher one', () => {
    const upward: string[] = [];
    for (const [from, targets] of graph.edges) {
      for (const to of targets) {
        const a = floorOf.get(placeOf(from));
        const b = floorOf.get(placeOf(to));
        if (a !== undefined && b !== undefined && b < a) upward.push(`${from} -> ${to}`);
      }
    }
    expect(upward.sort()).toEqual([]);
  });
});

describe('the layer check itself', () => {
  it('finds a cycle of two files and one of three, and nothing in a chain', () => {
    const graph = new Map<string, Set<string>>([
      ['a.ts', new Set(['b.ts'])], ['b.ts', new Set(['a.ts', 'c.ts'])],
      ['c.ts', new Set(['d.ts'])], ['d.ts', new Set(['e.ts'])], ['e.ts', new Set(['c.ts'])],
      ['f.ts', new Set(['g.ts'])], ['g.ts', new Set()],
    ]);
    expect(cycles(graph).map((c) => c.join(', ')).sort()).toEqual([
      'a.ts -> b.ts, b.ts -> a.ts',
      'c.ts -> d.ts, d.ts -> e.ts, e.ts -> c.ts',
    ]);
  });

  it('places files by folder', () => {
    expect(placeOf('core/lab/run-queue.ts')).toBe('core/lab');
    expect(placeOf('core/engines/trtexec/import-trtexec.ts')).toBe('core/engines');
    expect(placeOf('core/package-root.ts')).toBe('core/package-root.ts');
    expect(placeOf('renderer/src/app.tsx')).toBe('renderer');
  });
});
