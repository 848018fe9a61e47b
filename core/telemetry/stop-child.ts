import type { ChildProcess } from 'node:child_process';

/**
 * Ends a long-running sensor process (tegrastats, nvidia-smi): SIGTERM, then SIGKILL after two
 * seconds, so one that hangs cannot hold a run's record back.
 */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => {
    child.once('close', resolve);
    child.once('error', resolve);
  });
  child.kill();
  const force = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(force);
}
