import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromRunner } from './runner-protocol.js';
import { OutputTail, type RunnerExit, type RunnerLauncher, type RunnerProcess } from './runner-process.js';

// From source (tests, development) the runner is a .ts file whose imports say './x.js'; Node strips
// the types but needs this hook to find x.ts. Compiled to dist/, none of it is used.
const RESOLVE_TS = `import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) {
  try { return next(specifier, context); } catch (e) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) return next(specifier.slice(0, -3) + '.ts', context);
    throw e;
  }
} });`;

const fromSource = import.meta.url.endsWith('.ts');
/** The runner's entry file, for any host that starts one (Electron's utilityProcess too). */
export const runnerEntry = fileURLToPath(new URL(fromSource ? './runner-main.ts' : './runner-main.js', import.meta.url));
const sourceExecArgv = ['--experimental-transform-types', '--disable-warning=ExperimentalWarning', '--import', `data:text/javascript,${encodeURIComponent(RESOLVE_TS)}`];

/** `edgelab serve`'s runner: a Node child process with an IPC channel. */
export const forkRunner: RunnerLauncher = () => {
  const child = fork(runnerEntry, [], {
    execArgv: fromSource ? sourceExecArgv : [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const stderr = new OutputTail();
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  let exitListener: ((exit: RunnerExit) => void) | undefined;
  let exited: RunnerExit | undefined;
  child.on('exit', (code, signal) => {
    // stderr may still hold the abort message; 'close' follows once the pipes are drained.
    child.once('close', () => {
      exited = { code, signal, stderrTail: stderr.toString() };
      exitListener?.(exited);
    });
  });
  child.on('error', () => undefined); // a failed send to a dead child: its exit says the rest
  const runner: RunnerProcess = {
    get pid() {
      return child.pid;
    },
    send(message) {
      if (child.connected) child.send(message);
    },
    onMessage(listener) {
      child.on('message', (message) => listener(message as FromRunner));
    },
    onExit(listener) {
      exitListener = listener;
      if (exited) listener(exited);
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
  return runner;
};
