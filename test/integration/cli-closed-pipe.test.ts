import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

// The real `edgelab` process with its stdout read by a reader that stops after the first chunk, as
// `edgelab … | head -1` does: the closed pipe ends the command quietly, never with a stack trace.
describe('a reader that closes the pipe early', () => {
  it('ends edgelab with exit 0 and nothing on stderr', async () => {
    // An import prints its breakdown in many writes after the first line (a real recorded CUDA trace).
    const trace = path.join(repoRoot, 'test', 'fixtures', 'ort-profile', 'cuda-mnist-completed.json');
    const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-pipe-'));
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), 'import', 'ort-profile', trace, '--workspace', workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Close our end as soon as anything arrives: the rest of the help is written into a closed pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
    expect(code).toBe(0);
  });
});
