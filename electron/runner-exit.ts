import type { RunnerExit } from '../core/runner/runner-process.js';

/**
 * A runner's end is reported once both have happened: the process exited, and its stderr pipe is
 * drained. utilityProcess emits 'exit' as soon as the process is gone, which can be before the
 * last chunk of its stderr (a native abort's message) is read; a failed run recorded then would
 * lose its cause. giveUp() reports with what was read, for a pipe that never ends.
 */
export function runnerExitGate(report: (exit: RunnerExit) => void, stderrTail: () => string) {
  let exit: { code: number | null; signal: string | null } | undefined;
  let drained = false;
  let reported = false;
  const settle = (force: boolean) => {
    if (reported || exit === undefined || (!drained && !force)) return;
    reported = true;
    report({ ...exit, stderrTail: stderrTail() });
  };
  return {
    exited(code: number | null, signal: string | null) {
      exit ??= { code, signal };
      settle(false);
    },
    drained() {
      drained = true;
      settle(false);
    },
    giveUp() {
      settle(true);
    },
    get reported() {
      return reported;
    },
  };
}
