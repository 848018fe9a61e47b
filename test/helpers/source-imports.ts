import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { API } from 'typescript/unstable/sync';

/**
 * Every relative import of the project's own source files, as the TypeScript compiler parses them:
 * `import`, `import type`, `export … from`, `import('…')` and `import('…').Type` alike, since a reader
 * follows a type import as surely as any other. Files are keyed by their path from the repository
 * root with '/' separators ('core/lab/lab-service.ts').
 */
export interface SourceImports {
  /** file → the files it imports. */
  edges: Map<string, Set<string>>;
  /** Relative specifiers that name no source file: a graph missing them would miss arrows. */
  unresolved: string[];
}

/** The tsconfigs whose programs hold core/, renderer/ and electron/ between them. */
const PROJECTS = ['tsconfig.json', 'tsconfig.renderer.json', 'tsconfig.electron.json'];

/** Specifiers of code: a stylesheet or an image imported by the renderer is no arrow between modules. */
const CODE = /\.(c|m)?(j|t)sx?$/;

function sourceFor(root: string, from: string, specifier: string): string | null {
  const target = path.resolve(root, path.dirname(from), specifier);
  const candidates = [target.replace(/\.(c|m)?js$/, '.$1ts'), target.replace(/\.js$/, '.tsx'), target];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

export function sourceImports(root: string, under: readonly string[]): SourceImports {
  const api = new API({ cwd: root });
  const edges = new Map<string, Set<string>>();
  const unresolved: string[] = [];
  const wanted = (rel: string) => under.some((dir) => rel.startsWith(`${dir}/`)) && !rel.endsWith('.d.ts');
  try {
    const snapshot = api.updateSnapshot({ openProjects: PROJECTS.map((p) => path.join(root, p)) });
    for (const project of snapshot.getProjects()) {
      for (const fileName of project.program.getSourceFileNames()) {
        const file = path.relative(root, fileName).split(path.sep).join('/');
        if (!wanted(file) || edges.has(file)) continue;
        const imported = new Set<string>();
        for (const node of project.program.getSourceFile(fileName)?.imports ?? []) {
          const specifier = (node as { text?: string }).text;
          if (!specifier?.startsWith('.') || !CODE.test(specifier)) continue;
          const target = sourceFor(root, file, specifier);
          if (target === null) unresolved.push(`${file}: ${specifier}`);
          else imported.add(path.relative(root, target).split(path.sep).join('/'));
        }
        edges.set(file, imported);
      }
    }
  } finally {
    api.close();
  }
  return { edges, unresolved };
}
