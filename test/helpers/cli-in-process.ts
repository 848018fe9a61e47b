import { PassThrough } from 'node:stream';
import { main } from '../../core/cli/main.js';

/** `edgelab ARGV` in this process (core/cli/main), with its output collected: the CLI's own boundary, no child. */
export async function runMain(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  // The test file's state folder (test/state-dir.setup.ts) unless the test gives another.
  const withState = { EDGELAB_STATE_DIR: process.env.EDGELAB_STATE_DIR, ...env };
  const code = await main(argv, { stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream, env: withState, signal: new AbortController().signal });
  return { code, out, err };
}
