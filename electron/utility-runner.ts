import { utilityProcess } from 'electron';
import { OutputTail, type RunnerExit, type RunnerLauncher, type RunnerProcess } from '../core/runner/runner-process.js';
import type { FromRunner } from '../core/runner/runner-protocol.js';

/**
 * The app's runner: the same runner-main as `edgelab serve` forks, in an Electron utilityProcess
 * (a Node process managed by Chromium's process model), so a native crash there is a failed run
 * and never a lost window.
 */
export function utilityRunner(entry: string): RunnerLauncher {
  return () => {
    const child = utilityProcess.fork(entry, [], { stdio: ['ignore', 'ignore', 'pipe'], serviceName: 'edgelab runner' });
    const stderr = new OutputTail();
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    let exited: RunnerExit | undefined;
    let exitListener: ((exit: RunnerExit) => void) | undefined;
    const finish = (exit: RunnerExit) => {
      if (exited) return;
      exited = exit;
      exitListener?.(exit);
    };
    // utilityProcess reports a code only; a FatalError event names the crash first.
    let fatal: string | null = null;
    child.on('error', (type, location) => (fatal = `${type} at ${location}`));
    child.on('exit', (code) => finish({ code, signal: fatal, stderrTail: stderr.toString() }));
    const runner: RunnerProcess = {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (!exited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', (message: unknown) => listener(message as FromRunner));
      },
      onExit(listener) {
        exitListener = listener;
        if (exited) listener(exited);
      },
      kill() {
        child.kill();
      },
    };
    return runner;
  };
}
