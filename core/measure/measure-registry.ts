import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { tempPathFor } from '../evidence/atomic-file.js';
import { isProcessAlive } from '../evidence/stale-lock.js';
import { resolveStateDir } from '../evidence/state-dir.js';

/** One measurement on this machine, by any edgelab process, as the registry keeps it. */
export interface MeasureEntry {
  runId: string;
  pid: number;
  hostname: string;
  /** What measured: `edgelab bench`, `edgelab serve`, `edgelab app` … */
  command: string;
  /** The workspace its record goes to; null for a run measured with --no-save. */
  workspace: string | null;
  startedAt: string;
  /** When it ended; null while it measures. */
  finishedAt: string | null;
  /** How it ended: `finished`, or `process gone` when it died and a later one noticed. */
  ended: 'finished' | 'process gone' | null;
  /** Whether it held the machine's measure lock (a --no-wait run on a busy machine does not). */
  lockHeld: boolean;
}

/**
 * `<state>/measure/`: the machine-wide measure lock and a file per measurement that ran or runs
 * on this machine. The lock keeps measurements apart; the registry is how a record can name any
 * that ran beside it anyway (one that did not wait). Entries are kept until no measurement still
 * running could have overlapped them.
 */
export class MeasureRegistry {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  static forMachine(env: NodeJS.ProcessEnv): MeasureRegistry {
    return new MeasureRegistry(path.join(resolveStateDir({ env }), 'measure'));
  }

  get lockPath(): string {
    return path.join(this.dir, 'measure.lock');
  }

  private get runsDir(): string {
    return path.join(this.dir, 'runs');
  }

  async ensure(): Promise<void> {
    await mkdir(this.runsDir, { recursive: true });
  }

  /** Marks the start of a measurement; entries of processes that died mid-measurement are closed here. */
  async register(entry: Omit<MeasureEntry, 'finishedAt' | 'ended' | 'pid' | 'hostname'>): Promise<void> {
    await this.ensure();
    for (const other of await this.entries()) {
      if (other.finishedAt === null && other.hostname === hostname() && !isProcessAlive(other.pid)) {
        // Gone before this measurement began; its true end is unknown, so it is closed at this
        // start, which `overlapping` (strictly later ends only) does not count as an overlap.
        await this.write({ ...other, finishedAt: entry.startedAt, ended: 'process gone' });
      }
    }
    await this.write({ ...entry, pid: process.pid, hostname: hostname(), finishedAt: null, ended: null });
    await this.prune();
  }

  async finish(runId: string): Promise<void> {
    const own = (await this.entries()).find((e) => e.runId === runId);
    if (own) await this.write({ ...own, finishedAt: new Date().toISOString(), ended: 'finished' });
  }

  /** Every other measurement whose time on the machine met this one's, from its start until now. */
  async overlapping(runId: string, startedAt: string): Promise<MeasureEntry[]> {
    return (await this.entries())
      .filter((e) => e.runId !== runId && (e.finishedAt === null || e.finishedAt > startedAt))
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  /** An entry that ended before every measurement still running began can overlap none of them. */
  private async prune(): Promise<void> {
    const entries = await this.entries();
    const running = entries.filter((e) => e.finishedAt === null).map((e) => e.startedAt);
    if (running.length === 0) return;
    const oldestRunning = running.reduce((a, b) => (a < b ? a : b));
    for (const e of entries) {
      if (e.finishedAt !== null && e.finishedAt < oldestRunning) await unlink(this.fileOf(e.runId)).catch(() => undefined);
    }
  }

  private async entries(): Promise<MeasureEntry[]> {
    const names = await readdir(this.runsDir).catch(() => [] as string[]);
    const entries: MeasureEntry[] = [];
    for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
      try {
        entries.push(JSON.parse(await readFile(path.join(this.runsDir, name), 'utf8')) as MeasureEntry);
      } catch {
        // Gone between listing and reading (pruned by another process): nothing to report.
      }
    }
    return entries;
  }

  private fileOf(runId: string): string {
    return path.join(this.runsDir, `${runId}.json`);
  }

  private async write(entry: MeasureEntry): Promise<void> {
    const temp = tempPathFor(this.runsDir, `${entry.runId}.json`);
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, this.fileOf(entry.runId));
  }
}
