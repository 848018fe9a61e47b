import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

interface Started {
  firstLines: string[];
  url: string;
  stop(): Promise<number | null>;
}

/**
 * Runs the real `npm start` entry (bin/start.js) until it prints the browser face's URL, then
 * checks that the URL serves the lab. Nothing waits on a clock: each step waits for a line.
 */
async function startUntilServed(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'start.js'), '--port', '0', ...args], {
    cwd: repoRoot,
    // An empty PATH: no xdg-open/open, like a headless board reached over SSH.
    env: { ...env, PATH: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(stdout);
      if (match && stdout.includes('open the URL above yourself')) resolve(match[1] as string);
    });
    child.on('exit', () => reject(new Error(`start.js exited early:\n${stdout}\n${stderr}`)));
  });
  const { origin, searchParams } = new URL(url);
  const res = await fetch(`${origin}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-edgelab-token': searchParams.get('token') as string }, body: '{}' });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { value: { ok: boolean } }).value.ok).toBe(true);
  return {
    firstLines: stdout.split('\n'),
    url,
    stop: async () => {
      child.kill('SIGINT');
      const code = await exited;
      expect(stdout).toContain('Stopping');
      return code;
    },
  };
}

function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of names) delete env[name];
  return env;
}

test('with no display, npm start says so and serves the lab in the browser', async () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-start-'));
  const started = await startUntilServed(['--workspace', workspace], envWithout('DISPLAY', 'WAYLAND_DISPLAY', 'EDGELAB_ELECTRON'));
  expect(started.firstLines[0]).toBe(
    'edgelab: opening the lab in the browser instead of the desktop app, because there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set, as over SSH or on a headless board).',
  );
  expect(started.firstLines).toContain(`edgelab serve: evidence workspace ${workspace}`);
  expect(await started.stop()).toBe(0);
});

// The download path for real: Electron's own installer runs and fails. Where a binary was already
// downloaded (a developer's checkout) there is nothing to download, so the test cannot run there;
// on a clean clone (CI) the package never has one, since Electron 42 has no install script.
const binaryPresent = existsSync(path.join(repoRoot, 'node_modules', 'electron', 'dist', 'version'));

test.skipIf(binaryPresent)('when Electron\'s binary cannot be downloaded, npm start says why and serves the lab', async () => {
  // A port nothing listens on: the installer's fetch is refused at once, on any machine, online or not.
  const closedPort = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-start-'));
  const env = {
    ...envWithout('EDGELAB_ELECTRON', 'ELECTRON_OVERRIDE_DIST_PATH', 'npm_config_electron_mirror'),
    DISPLAY: ':0', // past the display check, so the download is what fails
    ELECTRON_MIRROR: `http://127.0.0.1:${closedPort}/`,
    electron_config_cache: mkdtempSync(path.join(tmpdir(), 'edgelab-electron-cache-')), // no cached zip to fall back on
  };
  const started = await startUntilServed(['--workspace', workspace], env);
  expect(started.firstLines[0]).toMatch(/^edgelab: fetching Electron \d+\.\d+\.\d+'s binary \(about 100 MB, once\) from http:\/\/127\.0\.0\.1:\d+\/ \.\.\.$/);
  expect(started.firstLines[1]).toBe(
    `edgelab: opening the lab in the browser instead of the desktop app, because Electron ${electronVersion()}'s binary could not be downloaded: 127.0.0.1:${closedPort} refused the connection (ECONNREFUSED); once online, \`npm start\` fetches it again (or \`npx install-electron --no\`; ELECTRON_MIRROR names a mirror).`,
  );
  expect(existsSync(path.join(repoRoot, 'node_modules', 'electron', 'dist', 'version'))).toBe(false);
  expect(await started.stop()).toBe(0);
});

function electronVersion(): string {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}
