import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

// `npm start` with no Electron binary (as on this machine) and no browser to open: it must still
// start the lab in browser mode, say why in one line and print the URL with its token.
test('without an Electron binary, npm start serves the lab and prints its URL', async () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-start-'));
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'start.js'), '--port', '0', '--workspace', workspace], {
    cwd: repoRoot,
    // An empty PATH: no xdg-open/open, like a headless board reached over SSH.
    env: { ...process.env, PATH: '', EDGELAB_ELECTRON: path.join(workspace, 'no-electron-here') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(stdout);
      if (match && stdout.includes('open the URL above yourself')) resolve(match[1] as string);
    });
    child.on('exit', () => reject(new Error(`start.js exited early:\n${stdout}\n${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  expect(stdout.split('\n')[0]).toMatch(/^edgelab: starting in the browser instead of the desktop app, because EDGELAB_ELECTRON names .* which does not exist\.$/);
  const { origin, searchParams } = new URL(url);
  const res = await fetch(`${origin}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-edgelab-token': searchParams.get('token') as string }, body: '{}' });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { value: { ok: boolean } }).value.ok).toBe(true);

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(stdout).toContain('Stopping');
});
