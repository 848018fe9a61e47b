import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newStateDir, runCli } from '../helpers/cli.js';
import { currentHead, cutLastRecord, ledgerEntries, rechain } from '../helpers/forge-ledger.js';
import { modelPath } from '../helpers/models.js';

/**
 * Files inside a workspace cannot prove its end was not cut; the machine that wrote or saw the
 * head remembers it outside the workspace (EDGELAB_STATE_DIR). Each case forges a copy of a
 * workspace the real `edgelab` recorded, and runs the real `edgelab` on it, as this machine and
 * as another one that never saw it.
 */
let tiny: string;

beforeAll(async () => {
  tiny = await modelPath('tiny-classifier');
});

/** A workspace with `count` bench runs, recorded by the machine whose state folder is `state`. */
async function recorded(count: number, state: string): Promise<string> {
  const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-anchor-'));
  for (let i = 0; i < count; i++) {
    const r = await runCli(['bench', tiny, '--iterations', '15', '--warmup', '1', '--no-telemetry', '--label', `run ${i}`, '--workspace', ws], { env: { EDGELAB_STATE_DIR: state } });
    expect(r.code, r.stderr).toBe(0);
  }
  return ws;
}

const as = (state: string) => (args: string[]) => runCli(args, { env: { EDGELAB_STATE_DIR: state } });

describe('a ledger that went back or sideways since this machine wrote or saw it', () => {
  it('its end cut with ledger.head deleted: verify names both heads and how to accept; every use refuses; the list marks', async () => {
    const state = newStateDir();
    const edgelab = as(state);
    const ws = await recorded(3, state);
    const written = await currentHead(ws);
    expect((await edgelab(['runs', 'verify', '--workspace', ws])).code).toBe(0);
    await cutLastRecord(ws, 'delete');
    const head = await currentHead(ws);

    const verify = await edgelab(['runs', 'verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`this machine wrote head ${written} (seq 3)`);
    expect(verify.stdout).toContain(`the ledger's head is now ${head} (seq 2)`);
    expect(verify.stdout).toMatch(/went backwards/);
    expect(verify.stderr).toContain(`edgelab runs verify --accept-head ${head}`);

    const [first] = await ledgerEntries(ws);
    for (const args of [['runs', 'show', first!.id], ['report', first!.id], ['ladder', 'export', '--format', 'md']]) {
      const used = await edgelab([...args, '--workspace', ws]);
      if (args[0] === 'ladder') {
        expect(used.stdout, args.join(' ')).toMatch(/Not verified/);
        expect(used.stdout).toMatch(/went backwards/);
      } else {
        expect(used.code, args.join(' ')).toBe(2);
        expect(used.stderr).toMatch(/not verified evidence: this machine wrote head .* went backwards/);
        expect(used.stderr).toContain(`--accept-head ${head}`);
      }
    }
    const list = await edgelab(['runs', '--workspace', ws]);
    expect(list.stdout).toMatch(new RegExp(`${first!.id}.*NOT VERIFIED`));
  });

  it('its end cut with ledger.head rewritten to match: the same', async () => {
    const state = newStateDir();
    const ws = await recorded(2, state);
    await cutLastRecord(ws, 'rewrite');
    const verify = await as(state)(['runs', 'verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/this machine wrote head [0-9a-f]{64} \(seq 2\).*went backwards/);
  });

  it('its history rewritten (a record edited, every hash recomputed): sideways', async () => {
    const state = newStateDir();
    const ws = await recorded(2, state);
    const last = (await ledgerEntries(ws)).at(-1)!;
    const file = path.join(ws, last.file);
    const edited = Buffer.from((await readFile(file, 'utf8')).replace(/"label": "run 1"/, '"label": "run 1 (faster)"'));
    await writeFile(file, edited);
    await rechain(ws, new Map([[last.file, edited]]));
    const verify = await as(state)(['runs', 'verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/its line at seq 2 is another: the history was rewritten/);
  });

  it('a checkout back to an older head is accepted knowingly with --accept-head, and only with the head verify names', async () => {
    const state = newStateDir();
    const edgelab = as(state);
    const ws = await recorded(1, state);
    const older = await mkdtemp(path.join(tmpdir(), 'edgelab-older-'));
    await cp(ws, older, { recursive: true }); // what a commit holds
    expect((await runCli(['bench', tiny, '--iterations', '15', '--warmup', '1', '--no-telemetry', '--workspace', ws], { env: { EDGELAB_STATE_DIR: state } })).code).toBe(0);
    // `git checkout` of the older commit: the same folder, its older content.
    await rm(ws, { recursive: true });
    await cp(older, ws, { recursive: true });
    const head = await currentHead(ws);
    expect((await edgelab(['runs', 'verify', '--workspace', ws])).code).toBe(1);

    const wrong = await edgelab(['runs', 'verify', '--accept-head', 'a'.repeat(64), '--workspace', ws]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`is not the head of this ledger (it is ${head}, seq 1)`);
    const notHex = await edgelab(['runs', 'verify', '--accept-head', 'latest', '--workspace', ws]);
    expect(notHex.code).toBe(2);
    expect(notHex.stderr).toMatch(/--accept-head: expected the 64-hex-digit ledger head/);

    const accept = await edgelab(['runs', 'verify', '--accept-head', head, '--workspace', ws]);
    expect(accept.code, accept.stdout + accept.stderr).toBe(0);
    expect(accept.stdout).toContain(`this machine now remembers head ${head}`);
    expect((await edgelab(['runs', 'verify', '--workspace', ws])).code).toBe(0);
    // Recording goes on from the accepted head, and is remembered again as written.
    expect((await runCli(['bench', tiny, '--iterations', '15', '--warmup', '1', '--no-telemetry', '--workspace', ws], { env: { EDGELAB_STATE_DIR: state } })).code).toBe(0);
    expect((await edgelab(['runs', 'verify', '--workspace', ws])).code).toBe(0);
  });

  it('each machine (state folder) remembers only what it wrote or saw: one that never saw the head cannot tell the cut, a pinned head can', async () => {
    const writer = newStateDir();
    const ws = await recorded(2, writer);
    const pinned = await currentHead(ws);
    const reviewer = newStateDir();
    await cutLastRecord(ws, 'delete');
    // The README names this case: only a pinned or signed head catches it on a machine that never saw the workspace.
    expect((await as(reviewer)(['runs', 'verify', '--workspace', ws])).code).toBe(0);
    const withPin = await as(reviewer)(['runs', 'verify', '--head', pinned, '--workspace', ws]);
    expect(withPin.code).toBe(1);
    expect(withPin.stdout).toMatch(/pinned head: FAILED/);
    expect((await as(writer)(['runs', 'verify', '--workspace', ws])).code).toBe(1);
  });

  it('a machine that saw the head (a listing is enough) remembers it, as the one that wrote it does', async () => {
    const writer = newStateDir();
    const ws = await recorded(2, writer);
    const reviewer = newStateDir();
    expect((await as(reviewer)(['runs', '--workspace', ws])).code).toBe(0);
    await cutLastRecord(ws, 'rewrite');
    const verify = await as(reviewer)(['runs', 'verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/this machine saw head [0-9a-f]{64} \(seq 2\)/);
  });

  it('every report format and the ladder export print the head to pin', async () => {
    const state = newStateDir();
    const ws = await recorded(1, state);
    const head = await currentHead(ws);
    const [only] = await ledgerEntries(ws);
    for (const format of ['md', 'html', 'json', 'csv', 'junit']) {
      const r = await as(state)(['report', only!.id, '--format', format, '--workspace', ws]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, format).toContain(head);
    }
    expect(JSON.parse((await as(state)(['report', only!.id, '--format', 'json', '--workspace', ws])).stdout).ledger.head).toBe(head);
    expect((await as(state)(['ladder', 'export', '--format', 'md', '--workspace', ws])).stdout).toContain(head);
  });
});
