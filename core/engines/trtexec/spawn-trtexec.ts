import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';

export interface TrtexecExit {
  /** Exit code, or null when a signal ended it (a crashed build aborts with SIGABRT). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they came: trtexec logs to both. */
  output: string;
  /** stderr alone: where the loader and the shell say why a program did not start. */
  stderr: string;
  cancelled: boolean;
  /** Ended by edgelab because it ran past `timeoutMs`. */
  timedOut: boolean;
  /** performance.now() when each line matching `markLines` arrived, in order. */
  marks: { line: string; atMs: number }[];
  /** performance.now() when the process was seen to end. */
  exitedAtMs: number;
}

export interface RunTrtexecOptions {
  cwd: string;
  logPath?: string;
  signal?: AbortSignal;
  /** End the process (SIGTERM, then SIGKILL) after this long. */
  timeoutMs?: number;
  /** Lines whose arrival time to note: trtexec's own time stamps have one-second resolution. */
  markLines?: RegExp;
}

/** How long a process gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2000;

/**
 * Runs trtexec to the end and keeps everything it printed in `logPath`, whatever the outcome: a
 * failed build's log is the evidence of why. A cancel or the timeout ends the process (SIGTERM,
 * then SIGKILL).
 */
export function runTrtexec(executable: string, args: string[], options: RunTrtexecOptions): Promise<TrtexecExit> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const errChunks: Buffer[] = [];
    const marks: TrtexecExit['marks'] = [];
    const child = spawn(executable, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let cancelled = false;
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const end = () => {
      if (killTimer) return;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    const onAbort = () => {
      cancelled = true;
      end();
    };
    const timeout = options.timeoutMs !== undefined ? setTimeout(() => { timedOut = true; end(); }, options.timeoutMs) : undefined;
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const partial = { out: '', err: '' };
    const watch = (stream: 'out' | 'err', b: Buffer) => {
      if (!options.markLines) return;
      const atMs = performance.now();
      const lines = (partial[stream] + b.toString('utf8')).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) if (options.markLines.test(line)) marks.push({ line, atMs });
    };
    child.stdout.on('data', (b: Buffer) => {
      chunks.push(b);
      watch('out', b);
    });
    child.stderr.on('data', (b: Buffer) => {
      chunks.push(b);
      errChunks.push(b);
      watch('err', b);
    });
    const settle = () => {
      options.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (timeout) clearTimeout(timeout);
    };
    child.on('error', (e) => {
      settle();
      reject(e);
    });
    child.on('close', (code, signal) => {
      const exitedAtMs = performance.now();
      settle();
      const output = Buffer.concat(chunks).toString('utf8');
      const done = () => resolve({ code, signal, output, stderr: Buffer.concat(errChunks).toString('utf8'), cancelled, timedOut, marks, exitedAtMs });
      if (options.logPath) writeFile(options.logPath, output).then(done, reject);
      else done();
    });
  });
}
