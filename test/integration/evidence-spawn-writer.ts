import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Lets a child Node run the TypeScript sources as they are: the sources import './x.js', which
// exists only as x.ts until compiled.
const RESOLVE_TS = `import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) {
  try { return next(specifier, context); } catch (e) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) return next(specifier.slice(0, -3) + '.ts', context);
    throw e;
  }
} });`;

const WRITER = fileURLToPath(new URL('./evidence-writer-process.ts', import.meta.url));

export interface Writer {
  child: ChildProcess;
  saved: string[];
  stderr: () => string;
  /** Resolves when `count` records have been saved (or the child ended). */
  savedAtLeast: (count: number) => Promise<void>;
  /** Resolves when the writer has opened the workspace (or ended). */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnWriter(dir: string, count: number | 'forever', sampleCount: number, goFile?: string): Writer {
  const child = spawn(
    process.execPath,
    ['--experimental-transform-types', '--disable-warning=ExperimentalWarning', '--import', `data:text/javascript,${encodeURIComponent(RESOLVE_TS)}`, WRITER, dir, String(count), String(sampleCount), ...(goFile === undefined ? [] : [goFile])],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const saved: string[] = [];
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let stderr = '';
  let buffered = '';
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const wake = () => {
    for (const w of [...waiters]) {
      if (saved.length >= w.count || child.exitCode !== null || child.signalCode !== null) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') markReady();
      if (line.startsWith('saved ')) saved.push(line.slice('saved '.length));
    }
    wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      wake();
      markReady();
      for (const w of waiters.splice(0)) w.resolve();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    saved,
    stderr: () => stderr,
    savedAtLeast: (n) => new Promise<void>((resolve) => {
      waiters.push({ count: n, resolve });
      wake();
    }),
    exited,
    ready,
  };
}
