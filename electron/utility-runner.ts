import { utilityProcess } from 'electron';
import { OutputTail, type RunnerLauncher, type RunnerProcess } from '../core/runner/runner-process.js';
import { isFinalMessage, type FromRunner } from '../core/runner/runner-protocol.js';
import type { RunnerExit } from '../core/runner/runner-process.js';
import { runnerExitGate } from './runner-exit.js';

/** How long after the exit a stderr pipe may stay open before the run is recorded without its end. */
const STDERR_DRAIN_LIMIT_MS = 5_000;

/**
 * The app's runner: the same runner-main as `edgelab serve` forks, in an Electron utilityProcess
 * (a Node process managed by Chromium's process model), so a native crash there is a failed run
 * and never a lost window.
 */
export function utilityRunner(entry: string): RunnerLauncher {
  return () => {
    const child = utilityProcess.fork(entry, [], { stdio: ['ignore', 'ignore', 'pipe'], serviceName: 'edgelab runner' });
    const stderr = new OutputTail();
    let exitListener: ((exit: RunnerExit) => void) | undefined;
    let exited: RunnerExit | undefined;
    const gate = runnerExitGate((exit) => {
      exited = exit;
      exitListener?.(exit);
    }, () => stderr.toString());
    if (child.stderr) {
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.stderr.once('end', () => gate.drained());
      child.stderr.once('close', () => gate.drained());
    } else {
      gate.drained();
    }
    // utilityProcess reports a code only; a FatalError event names the crash first.
    let fatal: string | null = null;
    child.on('error', (type, location) => (fatal = `${type} at ${location}`));
    child.on('exit', (code) => {
      gate.exited(code, fatal);
      if (!gate.reported) setTimeout(() => gate.giveUp(), STDERR_DRAIN_LIMIT_MS).unref();
    });
    const runner: RunnerProcess = {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (!exited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', (message: unknown) => {
          const received = message as FromRunner;
          listener(received);
          // The runner waits for this before it exits (core/runner/parent-port.ts).
          if (isFinalMessage(received) && !exited) child.postMessage({ type: 'ack' });
        });
      },
      onExit(listener) {
        exitListener = listener;
        if (exited) listener(exited);
      },
      kill() {
        // The runner contract says SIGKILL: a hung provider ignores SIGTERM, which is what
        // UtilityProcess.kill() sends on POSIX. On Windows process.kill terminates outright.
        const pid = child.pid;
        if (pid === undefined) return;
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone: its exit reports the rest.
        }
      },
    };
    return runner;
  };
}
