import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rendererDir = path.join(root, 'renderer');
/** Pure spec builders that import only types: the UI draws the same charts as the reports. */
const SHARED_VALUES = ['core/charts/latency-histogram.ts', 'core/charts/latency-over-time.ts', 'core/charts/chart-size.ts', 'core/api/parameter-locations.ts', 'core/api/median-interval.ts', 'core/api/plain-number.ts', 'core/api/max-qps-answer.ts', 'core/api/trtexec-defaults.ts', 'core/report/run-configuration.ts', 'core/charts/latency-cdf.ts', 'core/graph/graph-layout.ts', 'core/report/stated-summary.ts', 'core/api/roof-text.ts', 'core/api/compare-text.ts', 'core/report/bar-parts.ts', 'core/report/series-lines.ts'];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

function importsOf(source: string): Array<{ typeOnly: boolean; specifier: string }> {
  const found: Array<{ typeOnly: boolean; specifier: string }> = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
    found.push({ typeOnly: m[2] !== undefined, specifier: m[3] ?? '' });
  }
  for (const m of source.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push({ typeOnly: false, specifier: m[1] ?? '' });
  return found;
}

describe('the renderer layer', () => {
  it('reaches core only through core/api types and the chart spec builders', async () => {
    const crossings: string[] = [];
    for (const file of await sourceFiles(rendererDir)) {
      for (const { typeOnly, specifier } of importsOf(await readFile(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = path.relative(root, path.resolve(path.dirname(file), specifier)).replace(/\.js$/, '.ts');
        if (!target.startsWith(`core${path.sep}`)) continue;
        const allowed = (target.startsWith(`core${path.sep}api${path.sep}`) && typeOnly) || SHARED_VALUES.includes(target);
        if (!allowed) crossings.push(`${path.relative(root, file)} imports ${specifier}`);
      }
    }
    expect(crossings).toEqual([]);
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
