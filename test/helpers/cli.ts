import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One throwaway workspace per test file, so tests never write into the user's data folder. */
export const testWorkspace = mkdtempSync(path.join(tmpdir(), 'edgelab-ws-'));

/**
 * Where the spawned edgelab remembers heads and writes (core/evidence/state-dir.ts): the test
 * file's own (test/state-dir.setup.ts), or a fresh one if this helper is used without it, never
 * the user's. A test that plays a second machine passes its own EDGELAB_STATE_DIR in `env`.
 */
export const testStateDir = process.env.EDGELAB_STATE_DIR ?? mkdtempSync(path.join(tmpdir(), 'edgelab-state-'));

/** A state folder of its own: another machine, as far as remembered heads go. */
export function newStateDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'edgelab-state-'));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `edgelab` command (bin/edgelab.js over the compiled dist/, which `npm test` builds
 * first) on the same Node as the tests, and collects its output.
 */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, EDGELAB_WORKSPACE: testWorkspace, EDGELAB_STATE_DIR: testStateDir, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
