import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tempPathFor } from './atomic-file.js';

/**
 * What this machine keeps about one workspace, outside it (state-dir.ts): the newest ledger head it
 * wrote or saw, and the records it began to write. Keyed by the workspace's real path, so a link
 * to the same folder shares it and a copy elsewhere (another checkout, another "device") does not.
 *
 * Nothing here is evidence and nothing here is needed to read a workspace: a state folder that
 * cannot be written leaves the workspace unanchored (verify says so), never unusable.
 */
export interface RememberedHead {
  seq: number;
  entryHash: string;
  /** When this machine wrote, saw or accepted it. */
  at: string;
  how: 'wrote' | 'saw' | 'accepted';
  /** On `accepted`: the head it replaced, so the decision stays visible. */
  replaced?: { seq: number; entryHash: string };
}

export interface WriteIntent {
  file: string;
  sha256: string;
  at: string;
  pid: number;
}

export class MachineState {
  /** Why heads are not remembered here, or null when they are. */
  unavailable: string | null = null;

  private sealKey: Promise<Buffer> | null = null;

  private constructor(
    readonly stateDir: string,
    readonly folder: string,
    readonly workspaceRealPath: string,
  ) {}

  /** The state of `workspaceDir` under `stateDir`; a state folder inside the workspace anchors nothing. */
  static async open(stateDir: string, workspaceDir: string): Promise<MachineState> {
    const real = await realpath(workspaceDir).catch(() => path.resolve(workspaceDir));
    const key = createHash('sha256').update(real).digest('hex').slice(0, 32);
    const state = new MachineState(stateDir, path.join(stateDir, 'workspaces', key), real);
    const realState = await realpath(stateDir).catch(() => path.resolve(stateDir));
    if (realState === real || realState.startsWith(real + path.sep)) {
      state.unavailable = `the state folder ${stateDir} is inside the workspace, where a forger rewrites it with the ledger; set EDGELAB_STATE_DIR to a folder outside it`;
    }
    return state;
  }

  get headPath(): string {
    return path.join(this.folder, 'head.json');
  }
  private get intentsPath(): string {
    return path.join(this.folder, 'intents.jsonl');
  }

  async recallHead(): Promise<RememberedHead | null> {
    if (this.unavailable !== null) return null;
    try {
      const head = JSON.parse(await readFile(this.headPath, 'utf8')) as Partial<RememberedHead>;
      if (typeof head.seq === 'number' && typeof head.entryHash === 'string' && typeof head.at === 'string') return head as RememberedHead;
    } catch {
      // Never seen here, or a damaged file: this machine vouches for nothing about this workspace yet.
    }
    return null;
  }

  /** For the ledger cache key: a head remembered elsewhere in the meantime must be checked again. */
  async headStamp(): Promise<string> {
    const st = await stat(this.headPath).catch(() => null);
    return st ? `${st.size}:${st.mtimeMs}:${st.ino}` : 'none';
  }

  /**
   * Replaces the remembered head when `decide` (given what is remembered now) says so. No lock:
   * writers would queue on it behind each other's state writes and stop taking turns on the
   * workspace. Two processes that race here each write a head that is on the ledger they read, so
   * the loser leaves the memory a line or two behind (less current, never a false alarm), and the
   * next write or read moves it on. Best effort: a state folder that cannot be written is noted.
   */
  async updateHead(decide: (remembered: RememberedHead | null) => Promise<RememberedHead | null> | RememberedHead | null): Promise<void> {
    if (this.unavailable !== null) return;
    try {
      const next = await decide(await this.recallHead());
      if (next === null) return;
      await mkdir(this.folder, { recursive: true });
      const temp = tempPathFor(this.folder, 'head.json');
      try {
        await writeFile(temp, `${JSON.stringify({ workspace: this.workspaceRealPath, ...next })}\n`, { flag: 'wx' });
        await rename(temp, this.headPath);
      } finally {
        await rm(temp, { force: true });
      }
    } catch (e) {
      this.unavailable = `the state folder ${this.stateDir} cannot be written (${(e as Error).message}); set EDGELAB_STATE_DIR to a writable folder outside the workspace`;
    }
  }

  /**
   * Notes, before a record file is renamed into place, that this machine is writing it: a record
   * that a crash leaves without its ledger line is accepted later only when it is named here.
   */
  async noteIntent(intent: WriteIntent): Promise<void> {
    if (this.unavailable !== null) return;
    try {
      await mkdir(this.folder, { recursive: true });
      await appendFile(this.intentsPath, `${JSON.stringify(intent)}\n`);
    } catch (e) {
      this.unavailable = `the state folder cannot be written (${(e as Error).message})`;
    }
  }

  async intents(): Promise<WriteIntent[]> {
    const text = await readFile(this.intentsPath, 'utf8').catch(() => '');
    const out: WriteIntent[] = [];
    for (const line of text.split('\n')) {
      try {
        const intent = JSON.parse(line) as Partial<WriteIntent>;
        if (typeof intent.file === 'string' && typeof intent.sha256 === 'string') out.push(intent as WriteIntent);
      } catch {
        // A line cut off by a crash names nothing.
      }
    }
    return out;
  }

  /**
   * This machine's key for sealing caches kept inside workspaces (the run index): an entry edited
   * by hand no longer matches its seal and is rebuilt from the record. Without a writable state
   * folder the key lives only as long as this process, so nothing cached elsewhere is trusted.
   */
  indexSealKey(): Promise<Buffer> {
    this.sealKey ??= (async () => {
      const file = path.join(this.stateDir, 'run-index.key');
      const fresh = randomBytes(32);
      if (this.unavailable !== null) return fresh;
      try {
        await mkdir(this.stateDir, { recursive: true });
        await writeFile(file, fresh.toString('hex'), { flag: 'wx', mode: 0o600 });
      } catch {
        // Made by another process first, or not writable: read what is there.
      }
      const stored = await readFile(file, 'utf8').catch(() => '');
      return /^[0-9a-f]{64}$/.test(stored) ? Buffer.from(stored, 'hex') : fresh;
    })();
    return this.sealKey;
  }
}
