import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionOk } from '../../bin/node-version.js';
import { repoRoot } from '../helpers/cli.js';

/**
 * `npm start` and `edgelab` apply one Node version rule (bin/node-version.js), on a real older Node:
 * the message, the recipe that brings Node 24 and exit 3, before anything of the lab loads. An older
 * Node is looked for where a machine keeps one (Debian's /usr/bin/node is Node 20 here, beside the
 * Node 24 the tests run on); EDGELAB_OLD_NODE names another.
 */
const candidates = [process.env.EDGELAB_OLD_NODE, '/usr/bin/node', '/bin/node', '/usr/local/bin/node'].filter((c): c is string => !!c && existsSync(c));
const versionOf = (node: string) => spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim() ?? '';
const oldNode = candidates.map((node) => ({ node, version: versionOf(node) })).find((c) => c.version !== '' && !nodeVersionOk(c.version));
const noOldNode = `no Node older than 22.12 on this machine (looked at ${candidates.join(', ') || 'EDGELAB_OLD_NODE, /usr/bin/node, /bin/node, /usr/local/bin/node: none exists'})`;
const stackTrace = /\n\s+at .*:\d+/;
// Were the check gone, `npm start` would serve the lab until killed: every start here has a time limit.

describe.skipIf(!oldNode)(`on Node ${oldNode?.version ?? '(skipped: ' + noOldNode + ')'}`, () => {
  const { node, version } = oldNode ?? { node: '', version: '' };

  it.each([
    ['bin/start.js (npm start)', ['bin/start.js']],
    ['bin/edgelab.js', ['bin/edgelab.js', 'inspect', 'x.onnx']],
  ])('%s says what Node it needs and how to get it, and exits 3 with no stack trace', (_, args) => {
    const result = spawnSync(node, args.map((a, i) => (i === 0 ? path.join(repoRoot, a) : a)), { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, DISPLAY: '' }, timeout: 30_000 });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`edgelab needs Node 22.12 or later; this is Node ${version} (${node}).`);
    expect(result.stderr).toContain(`run \`npm run node24\` in ${repoRoot}; it installs Node 24 into .ci/node24`);
    expect(result.stderr).not.toMatch(stackTrace);
    // Nothing started: no app, no browser face, no lab output.
    expect(result.stdout).toBe('');
  });

  const npm = path.join(path.dirname(node), 'npm');
  it.runIf(existsSync(npm))('`npm start` with that Node first on PATH stops the same way', () => {
    const result = spawnSync(npm, ['start', '--silent'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(node)}:/usr/bin:/bin`, DISPLAY: '' }, timeout: 30_000 });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`this is Node ${version} (`);
    expect(result.stderr).toContain('`npm run node24`');
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.stdout).not.toContain('opening the lab');
  });

  it('`npm run node24` runs on it and prints the PATH line that puts a Node edgelab accepts first', () => {
    // A folder that already holds a Node the rule accepts (the one running the tests), so nothing is
    // downloaded here; .ci/run and a fresh checkout take the npm install path of the same script.
    expect(nodeVersionOk(process.versions.node)).toBe(true);
    const prefix = mkdtempSync(path.join(tmpdir(), 'edgelab-node24-'));
    mkdirSync(path.join(prefix, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(process.execPath, path.join(prefix, 'node_modules', '.bin', 'node'));
    const result = spawnSync(node, [path.join(repoRoot, 'bin', 'node24.js'), '--prefix', prefix], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`export PATH="${path.join(prefix, 'node_modules', '.bin')}:$PATH"\n`);
    expect(result.stderr).toContain(`Node ${process.versions.node} is already in ${prefix}.`);
    // The line does what it says in a POSIX shell: `node` is then that Node, and edgelab starts on it.
    const after = spawnSync('/bin/sh', ['-c', `PATH=${path.dirname(node)}:/usr/bin:/bin; ${result.stdout.trim()}; node bin/edgelab.js --version`], { cwd: repoRoot, encoding: 'utf8' });
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/^edgelab \d+\.\d+\.\d+/);
  });

  it('`npm run node24` refuses arguments it does not take, exit 2', () => {
    for (const args of [['--bogus'], ['--prefix'], ['--prefix', 'a', 'b']]) {
      const result = spawnSync(node, [path.join(repoRoot, 'bin', 'node24.js'), ...args], { cwd: repoRoot, encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Usage: npm run node24 [-- --prefix DIR]');
      expect(result.stdout).toBe('');
    }
  });
});
