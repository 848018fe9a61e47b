import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { init, parse } from 'es-module-lexer';

/** One module edge: who imports what, and whether the import waits until it runs (import()). */
export interface ImportEdge {
  from: string;
  specifier: string;
  dynamic: boolean;
}

export interface ImportGraph {
  /** Every local file reached, absolute. */
  files: Set<string>;
  /** Bare specifiers (packages), by package name, with the files that import them. */
  packages: Map<string, ImportEdge[]>;
  /** Relative specifiers that name no file: a broken build, not a packaging question. */
  unresolved: ImportEdge[];
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

// The compiled preload is CommonJS; require() calls with a literal are all it has.
const REQUIRE = /\brequire\(\s*(['"])([^'"]+)\1\s*\)/g;

function edgesOf(file: string, source: string): ImportEdge[] {
  if (file.endsWith('.cjs')) return [...source.matchAll(REQUIRE)].map((m) => ({ from: file, specifier: m[2]!, dynamic: false }));
  const [imports] = parse(source, file);
  const edges: ImportEdge[] = [];
  for (const entry of imports) {
    // entry.n is the specifier when it is a string literal; an import(expression) has none.
    if (entry.n === undefined) continue;
    edges.push({ from: file, specifier: entry.n, dynamic: entry.d > -1 });
  }
  return edges;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * The modules a set of compiled entry points load, followed the way Node resolves relative
 * specifiers in dist/ (every import names its file with its extension). With staticOnly, import()
 * edges are not followed: what loads before any code runs.
 */
export async function importGraph(entries: string[], options: { staticOnly?: boolean } = {}): Promise<ImportGraph> {
  await init;
  const graph: ImportGraph = { files: new Set(), packages: new Map(), unresolved: [] };
  const queue = [...entries.map((e) => path.resolve(e))];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.files.has(file)) continue;
    graph.files.add(file);
    for (const edge of edgesOf(file, readFileSync(file, 'utf8'))) {
      if (options.staticOnly && edge.dynamic) continue;
      const { specifier } = edge;
      if (builtins.has(specifier)) continue;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = path.resolve(path.dirname(file), specifier);
        if (existsSync(target)) queue.push(target);
        else graph.unresolved.push(edge);
        continue;
      }
      const name = packageName(specifier);
      graph.packages.set(name, [...(graph.packages.get(name) ?? []), edge]);
    }
  }
  return graph;
}
