import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeWithContentDigest } from '../../core/evidence/record-file.js';
import { newStateDir, runCli } from '../helpers/cli.js';
import { ledgerEntries, rechain } from '../helpers/forge-ledger.js';
import { modelPath } from '../helpers/models.js';

/**
 * How a record was made must not rest on a field the forger can delete. A trtexec run imported
 * through the real `edgelab` (from the real exportTimes of an RTX 3060 Laptop run in
 * test/fixtures/trtexec-runs; no GPU here), then made to look measured on a Jetson: `origin`
 * removed, hardware rewritten, its own digest and the whole ledger recomputed. The reviewer is a
 * machine that never saw the workspace, so the ledger itself cannot give the forgery away.
 */
const fixtures = fileURLToPath(new URL('../fixtures/trtexec-runs/', import.meta.url));
const times = path.join(fixtures, 'exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json');
const jetson = { label: 'FORGED-Jetson', deviceClass: 'jetson', edgeClass: true };

const reviewer = (args: string[]) => runCli(args, { env: { EDGELAB_STATE_DIR: newStateDir() } });

async function importedRealtimeRun(): Promise<{ ws: string; id: string; file: string }> {
  const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-forged-import-'));
  const r = await runCli(['import', 'trtexec', '--times', times, '--target', 'p50<=33ms', '--json', '--workspace', ws]);
  expect(r.code, r.stderr).toBe(0);
  const id = (JSON.parse(r.stdout) as { id: string }).id;
  return { ws, id, file: `runs/${id}.json` };
}

/** The forgery of the report: origin removed, a Jetson named, the digest and the chain recomputed. */
async function forgeAsMeasured(ws: string, file: string, change: (record: Record<string, unknown>) => void): Promise<void> {
  const record = JSON.parse(await readFile(path.join(ws, file), 'utf8')) as Record<string, unknown>;
  delete record['origin'];
  delete record['contentSha256'];
  record['hardware'] = jetson;
  // An import leaves the cold start it was not told as null, which only an imported record may do: a
  // forger fills it in, so that what is tested here is the check of how the record was made.
  record['coldStart'] = { sessionCreateMs: 812.5, firstInferenceMs: 3.25 };
  change(record);
  const bytes = serializeWithContentDigest(record);
  await writeFile(path.join(ws, file), bytes);
  await rechain(ws, new Map([[file, bytes]]));
}

async function edgeRealtime(ws: string): Promise<{ met: boolean; missing: string | null }> {
  const ladder = await reviewer(['ladder', '--json', '--workspace', ws]);
  expect(ladder.code, ladder.stderr).toBe(0);
  const items = (JSON.parse(ladder.stdout) as { gates: { items: { item: { id: string }; met: boolean; missing?: string | null }[] }[] }).gates.flatMap((g) => g.items);
  const item = items.find((i) => i.item.id === 'edge-realtime');
  return { met: item?.met ?? false, missing: item?.missing ?? null };
}

describe('an imported run is never counted as measured', () => {
  it('with origin removed, its copied files still in its run folder: verify names them; edge-realtime stays unmet', async () => {
    const { ws, id, file } = await importedRealtimeRun();
    await forgeAsMeasured(ws, file, () => undefined);
    const verify = await reviewer(['runs', 'verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`not measured: ${file}: unverifiable as measured: its run folder holds runs/${id}/${path.basename(times)}, which the record does not name`);
    const item = await edgeRealtime(ws);
    expect(item.met).toBe(false);
    expect(item.missing).toMatch(new RegExp(`Run ${id} would meet it, but is unverifiable as measured`));
    expect((await reviewer(['ladder', '--workspace', ws])).stderr).toContain(`not counted (not verified): ${file}: unverifiable as measured`);
    // The run list marks it too, in the CLI and (the same listing) the server and the app.
    const list = await reviewer(['runs', '--workspace', ws]);
    expect(list.stdout).toMatch(new RegExp(`${id}.*NOT VERIFIED`));
    expect(list.stdout).toContain(`${id}: unverifiable as measured: its run folder holds`);
  });

  it('with its copied files deleted too: it lacks what edgelab records when it measures', async () => {
    const { ws, id, file } = await importedRealtimeRun();
    await rm(path.join(ws, 'runs', id), { recursive: true });
    await forgeAsMeasured(ws, file, () => undefined);
    const verify = await reviewer(['runs', 'verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/unverifiable as measured: it says it was measured but lacks the model fingerprint, the machine as edgelab read it \(hardware.fingerprint\), the software as edgelab read it/);
    expect((await edgeRealtime(ws)).met).toBe(false);
  });

  it('a real measured run is not flagged (no false alarm on what edgelab measured)', async () => {
    const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-measured-'));
    expect((await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '15', '--warmup', '1', '--no-telemetry', '--workspace', ws])).code).toBe(0);
    const verify = await reviewer(['runs', 'verify', '--workspace', ws]);
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).not.toMatch(/not measured/);
  });
});

describe('--accept-unrecorded takes only what a crash on this machine left', () => {
  it('a hand-made record with a recomputed contentSha256 is named and left out, and stays no evidence', async () => {
    const { ws, file } = await importedRealtimeRun();
    const record = JSON.parse(await readFile(path.join(ws, file), 'utf8')) as Record<string, unknown>;
    const id = '20261101T000600Z-0a0a0a';
    await writeFile(path.join(ws, 'runs', `${id}.json`), serializeWithContentDigest({ ...record, id, origin: undefined, coldStart: { sessionCreateMs: 812.5, firstInferenceMs: 3.25 } }));
    const accept = await runCli(['runs', 'verify', '--accept-unrecorded', '--workspace', ws]);
    expect(accept.stdout).toContain(`not accepted: runs/${id}.json: no edgelab on this machine began writing it`);
    expect(accept.stdout).not.toContain('accepted into the ledger');
    expect(accept.code).toBe(1);
    expect((await ledgerEntries(ws)).map((e) => e.id)).not.toContain(id);
    const show = await runCli(['runs', 'show', id, '--workspace', ws]);
    expect(show.code).toBe(2);
    expect(show.stderr).toMatch(/not verified evidence: it is not in the ledger/);
  });
});
