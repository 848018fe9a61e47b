import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';

export interface TrtexecExit {
  /** Exit code, or null when a signal ended it (a crashed build aborts with SIGABRT). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they came: trtexec logs to both. */
  output: string;
  cancelled: boolean;
}

/**
 * Runs trtexec to the end and keeps everything it printed in `logPath`, whatever the outcome: a
 * failed build's log is the evidence of why. A cancel ends the process (SIGTERM, then SIGKILL).
 */
export function runTrtexec(executable: string, args: string[], options: { cwd: string; logPath?: string; signal?: AbortSignal }): Promise<TrtexecExit> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const child = spawn(executable, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      cancelled = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 2000);
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => chunks.push(b));
    child.on('error', (e) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      const output = Buffer.concat(chunks).toString('utf8');
      const done = () => resolve({ code, signal, output, cancelled });
      if (options.logPath) writeFile(options.logPath, output).then(done, reject);
      else done();
    });
  });
}
