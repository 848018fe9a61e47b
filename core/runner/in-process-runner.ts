import type { RunnerPort } from './measure-in-runner.js';
import type { RunnerExit, RunnerLauncher, RunnerProcess } from './runner-process.js';
import type { FromRunner, ToRunner } from './runner-protocol.js';

/**
 * A runner in the caller's own process: the CLI's launcher. DESIGN lets the CLI measure in-process
 * (no process start in the timings, no IPC between samples), and this keeps the lab service the one
 * path the CLI, serve and the app all take: the same queue, measure lock, records and events; only
 * the crash isolation of a separate process is given up, as a CLI run has nothing else to protect.
 *
 * Messages cross as structured clones, as over IPC, so neither side can keep a reference into the
 * other's objects. A cancel aborts the measuring loop; `kill` cannot end this process, so it only
 * cancels too (the supervisor's grace timer then finds the run stopped).
 */
export const inProcessRunner: RunnerLauncher = () => {
  const toRunner: ((message: ToRunner) => void)[] = [];
  const fromRunner: ((message: FromRunner) => void)[] = [];
  let exitListener: ((exit: RunnerExit) => void) | undefined;
  let exited: RunnerExit | undefined;
  const exit = (result: RunnerExit) => {
    if (exited) return;
    exited = result;
    // After the final message's listeners ran: the supervisor treats the exit as the end of the run.
    setImmediate(() => exitListener?.(result));
  };
  const port: RunnerPort = {
    send(message) {
      const copy = structuredClone(message);
      queueMicrotask(() => {
        for (const listener of fromRunner) listener(copy);
      });
      return Promise.resolve();
    },
    onMessage(listener) {
      toRunner.push(listener);
    },
  };
  // An error that escaped the measurement (or the measuring code failing to load): in a runner
  // process it ends the process (a crash record); here nothing crashed, so it is handed over as the
  // run's refusal, as the CLI always said it.
  const crashed = (error: unknown) =>
    port.send({ type: 'refused', error: { kind: 'runtime', message: `unexpected error: ${error instanceof Error ? error.message : String(error)}`, hint: 'Report it with the command line that led to it.' } })
      .then(() => exit({ code: 0, signal: null, stderrTail: '' }));
  // The measuring code (ONNX Runtime, sharp, the engines) loads with the first run, not with the
  // lab: a command that only reads the workspace never pays for it. Messages sent before it is
  // loaded wait in `pending`.
  let pending: ToRunner[] | null = [];
  import('./measure-in-runner.js').then(({ serveRunner }) => {
    serveRunner(port, () => exit({ code: 0, signal: null, stderrTail: '' }), crashed);
    const waiting = pending ?? [];
    pending = null;
    for (const message of waiting) for (const listener of toRunner) listener(message);
  }, crashed);
  const deliver = (message: ToRunner) => {
    if (exited) return;
    const copy = structuredClone(message);
    if (pending) {
      pending.push(copy);
      return;
    }
    queueMicrotask(() => {
      for (const listener of toRunner) listener(copy);
    });
  };
  const runner: RunnerProcess = {
    pid: process.pid,
    send: deliver,
    onMessage(listener) {
      fromRunner.push(listener);
    },
    onExit(listener) {
      exitListener = listener;
      if (exited) listener(exited);
    },
    kill() {
      deliver({ type: 'cancel' });
    },
  };
  return runner;
};
