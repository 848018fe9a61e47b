import type { FromRunner, ToRunner } from './runner-protocol.js';

/**
 * One runner process as the parent sees it, whatever started it: Node's child_process.fork for
 * `edgelab serve`, Electron's utilityProcess in the app (electron/utility-runner.ts), so the lab
 * service is the same code in both.
 */
export interface RunnerProcess {
  readonly pid: number | undefined;
  send(message: ToRunner): void;
  onMessage(listener: (message: FromRunner) => void): void;
  /** Called once when the process is gone, however it ended. */
  onExit(listener: (exit: RunnerExit) => void): void;
  /** SIGKILL: for a runner that does not answer a cancel. */
  kill(): void;
}

export interface RunnerExit {
  code: number | null;
  signal: string | null;
  /** The last lines the runner wrote to stderr: a native abort usually says why there. */
  stderrTail: string;
}

/** Starts a fresh runner; one per run, so a crash or a leak never outlives its run. */
export type RunnerLauncher = () => RunnerProcess;

/** Keeps the last few KB of a stream, for the cause of a crash. */
export class OutputTail {
  private text = '';
  constructor(private readonly maxChars = 4000) {}
  push(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-this.maxChars);
  }
  toString(): string {
    return this.text.trim();
  }
}
