import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

// How fast edgelab starts is measured by `npm run bench:startup`, not here (timing depends on the
// machine). What this checks holds on any machine: which packages a command loads. `--help` loads
// none; `inspect` only zod (the request schema) and the ONNX protobuf reader, which the build bundles
// into one module of dist/ (core/model/onnx-proto.ts), so it resolves nothing else under node_modules:
// no ONNX Runtime, sharp, Vega or systeminformation.

let dir = '';
let hook = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-startup-'));
  hook = path.join(dir, 'record-packages.mjs');
  await writeFile(hook, `import { registerHooks } from 'node:module';
const seen = new Set();
registerHooks({ resolve(specifier, context, next) {
  const result = next(specifier, context);
  const match = result.url.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/);
  if (match) seen.add(match[1]);
  return result;
} });
process.on('exit', () => process.stderr.write('PACKAGES ' + JSON.stringify([...seen].sort()) + '\\n'));
`);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function packagesLoaded(args: string[], env: NodeJS.ProcessEnv = {}): string[] {
  const result = spawnSync(process.execPath, ['--import', hook, path.join(repoRoot, 'bin', 'edgelab.js'), ...args], { encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1', ...env } });
  expect(result.status, result.stderr).toBe(0);
  const line = result.stderr.split('\n').find((l) => l.startsWith('PACKAGES '));
  return JSON.parse(line?.slice('PACKAGES '.length) ?? 'null') as string[];
}

it('edgelab --help loads no package at all', () => {
  expect(packagesLoaded(['--help'])).toEqual([]);
});

it('edgelab inspect loads only the bundled ONNX protobuf reader and the request schema', async () => {
  // zod: the path is checked with the schema every face validates inspectModel with (core/lab/open-lab.ts).
  expect(packagesLoaded(['inspect', await modelPath('tiny-classifier')])).toEqual(['zod']);
  // …and the bundle is what `npm run build` made of core/model/onnx-proto.ts, not tsc's re-export.
  const bundled = await readFile(path.join(repoRoot, 'dist', 'core', 'model', 'onnx-proto.js'), 'utf8');
  expect(bundled).not.toMatch(/from ['"](@bufbuild\/protobuf|onnx-buf)['"]/);
  expect(bundled).toContain('ModelProtoSchema');
});

// The reading commands open the same lab the app does (core/lab/open-lab.ts); what a call does not
// need loads when a call needs it, so listing, verifying, comparing and the ladder load only zod (the
// request schemas every face validates with): no ONNX Runtime, sharp, Vega, systeminformation or YAML.
it('edgelab runs, runs verify, compare and ladder load only the request schemas', async () => {
  const workspace = path.join(dir, 'workspace');
  await cp(path.join(repoRoot, 'test', 'fixtures', 'workspace-v0.1.0', 'workspace'), workspace, { recursive: true });
  const env = { EDGELAB_STATE_DIR: path.join(dir, 'state') };
  for (const args of [['runs'], ['runs', 'verify'], ['compare', '20261206T102946Z-9d1d62', '20261206T102946Z-3e474a'], ['ladder']]) {
    expect(packagesLoaded([...args, '--workspace', workspace], env), args.join(' ')).toEqual(['zod']);
  }
});
