import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Resolves once some edgelab process is registered as measuring in the machine state folder
 * (`<state>/measure/runs/*.json` with no end): from then on it holds the machine's measure lock.
 * Polls the folder: the registry is files, with nothing to subscribe to.
 */
export async function someoneMeasures(stateDir: string): Promise<{ runId: string; command: string; pid: number }> {
  const runs = path.join(stateDir, 'measure', 'runs');
  for (;;) {
    for (const name of (await readdir(runs).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
      const entry = JSON.parse(await readFile(path.join(runs, name), 'utf8').catch(() => '{}')) as { runId: string; command: string; pid: number; finishedAt?: string | null };
      if (entry.finishedAt === null) return entry;
    }
    await sleep(50);
  }
}
