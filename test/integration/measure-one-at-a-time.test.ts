import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../core/api/lab-api.js';
import type { RunRecord } from '../../core/api/run-record.js';
import type { MeasureLockEvidence } from '../../core/measure/measure-lock.js';
import { repoRoot } from '../helpers/cli.js';
import { someoneMeasures } from '../helpers/machine-state.js';
import { modelPath } from '../helpers/models.js';
import { ServeProcess } from '../helpers/serve-process.js';

// Real `edgelab serve` and `edgelab bench` processes sharing one machine state folder, as two
// edgelab processes on one computer do. Nothing here waits for a time: each step waits for an
// event, a line a process prints, or a process's end; a run that must still be measuring when
// another arrives is long (a 10-minute limit) and is cancelled once the test has what it needs.

let tiny = '';
let stateDir = '';
let serve: ServeProcess | undefined;

beforeAll(async () => {
  tiny = await modelPath('tiny-classifier');
});

afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

async function startServe(): Promise<{ serve: ServeProcess; workspace: string }> {
  stateDir = mkdtempSync(path.join(tmpdir(), 'edgelab-machine-'));
  const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-serve-ws-'));
  serve = await ServeProcess.start(workspace, { EDGELAB_STATE_DIR: stateDir });
  return { serve, workspace };
}

function spec(iterations: number, durationS?: number) {
  return { model: tiny, telemetry: false, scenario: { kind: 'single-stream', warmup: { iterations: 1 }, iterations, ...(durationS ? { durationS } : {}) } };
}

/** A run long enough to still be measuring whatever happens meanwhile; the test cancels it. */
const long = () => spec(10_000_000, 600);

/** The real CLI, with its stderr readable while it runs. */
function benchProcess(args: string[]) {
  const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-cli-ws-'));
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), 'bench', tiny, '--warmup', '1', '--no-telemetry', '--json', '--workspace', workspace, ...args], {
    env: { ...process.env, EDGELAB_STATE_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const said: Array<{ text: string; resolve: () => void }> = [];
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of said.filter((w) => stderr.includes(w.text))) w.resolve();
  });
  const exited = new Promise<{ code: number | null; record: RunRecord; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, record: JSON.parse(stdout || 'null') as RunRecord, stderr })));
  return {
    child,
    exited,
    /** Resolves once the process has written this on stderr. */
    says: (text: string) => new Promise<void>((resolve) => (stderr.includes(text) ? resolve() : said.push({ text, resolve }))),
  };
}

const isMeasuring = (runId: string) => (e: LabEvent) => e.runId === runId && e.type === 'progress' && e.phase === 'measure';
const lockOf = (record: RunRecord) => record.extras.measureLock as MeasureLockEvidence;

describe('one measurement at a time on a machine', () => {
  it('four concurrent startRun calls to serve run one after another, each told its place in line', async () => {
    const { serve } = await startServe();
    // A first run holds the machine until all four are in line, so the line does not depend on timing.
    const holder = (await serve.call<{ runId: string }>('startRun', { spec: long() })).runId;
    await serve.waitFor(isMeasuring(holder));
    const ids = await Promise.all([0, 1, 2, 3].map(() => serve.call<{ runId: string }>('startRun', { spec: spec(150) }).then((r) => r.runId)));
    await Promise.all(ids.map((id) => serve.waitFor((e) => e.type === 'queued' && e.runId === id)));
    await serve.call('cancelRun', { runId: holder });
    const ends = await Promise.all(ids.map((id) => serve.ended(id)));
    expect(ends.map((e) => e.type)).toEqual(['done', 'done', 'done', 'done']);

    const records = await Promise.all([holder, ...ids].map((id) => serve.call<RunRecord>('run', { id })));
    const byStart = [...records].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    expect(byStart[0]!.id).toBe(holder);
    for (let i = 1; i < byStart.length; i++) {
      // Each run started measuring only after the one before it had finished.
      expect(byStart[i]!.startedAt >= byStart[i - 1]!.finishedAt, `${byStart[i - 1]!.id} ended ${byStart[i - 1]!.finishedAt}, ${byStart[i]!.id} started ${byStart[i]!.startedAt}`).toBe(true);
    }
    for (const record of records) {
      expect(lockOf(record)).toMatchObject({ lock: 'held', overlapped: [] });
      expect(record.state === 'completed' && record.warnings.some((w) => w.code === 'measured-alongside')).toBe(false);
    }

    // All four waited, and were told where they stood: places 1 to 4, behind a run of this lab.
    const queued = serve.events.filter((e): e is Extract<LabEvent, { type: 'queued' }> => e.type === 'queued');
    const firstPlace = new Map<string, number>();
    for (const e of queued) if (!firstPlace.has(e.runId)) firstPlace.set(e.runId, e.position);
    expect([...firstPlace.values()].sort()).toEqual([1, 2, 3, 4]);
    for (const e of queued) {
      expect(e.behind.command).toBe('this lab');
      expect([holder, ...ids]).toContain(e.behind.runId);
    }
    // The line moves: the last to start was told place 4, then 3, 2 and 1, in that order.
    const last = byStart[4]!.id;
    expect(queued.filter((e) => e.runId === last).map((e) => e.position).filter((p, i, all) => all.indexOf(p) === i)).toEqual([4, 3, 2, 1]);
  });

  it('a CLI bench on another workspace waits while serve measures, saying for whom, and then measures alone', async () => {
    const { serve } = await startServe();
    const { runId } = await serve.call<{ runId: string }>('startRun', { spec: long() });
    await serve.waitFor(isMeasuring(runId));

    const bench = benchProcess(['--iterations', '30']);
    await bench.says(`waiting for the machine: edgelab serve run ${runId} (pid ${serve.child.pid}`);
    await serve.call('cancelRun', { runId });
    const served = await serve.ended(runId);
    const cli = await bench.exited;
    expect(cli.code, cli.stderr).toBe(0);

    const serveRecord = served.type === 'failed' ? served.record : undefined;
    expect(serveRecord?.state).toBe('cancelled');
    expect(cli.record.startedAt >= serveRecord!.finishedAt).toBe(true);
    expect(lockOf(cli.record)).toMatchObject({ lock: 'held', overlapped: [], waitedFor: { runId, command: 'edgelab serve', pid: serve.child.pid } });
    expect(lockOf(serveRecord!)).toMatchObject({ lock: 'held', overlapped: [] });
  });

  it('serve queues a run behind a CLI bench that holds the machine, and the app is told whom it waits for', async () => {
    const { serve } = await startServe();
    const bench = benchProcess(['--duration', '600', '--iterations', '10000000']);
    // The CLI has the machine once it is in the registry as measuring.
    expect(await someoneMeasures(stateDir)).toMatchObject({ command: 'edgelab bench', pid: bench.child.pid });
    const { runId } = await serve.call<{ runId: string }>('startRun', { spec: spec(30) });
    const queued = await serve.waitFor((e): e is Extract<LabEvent, { type: 'queued' }> => e.type === 'queued' && e.runId === runId);
    expect(queued.position).toBe(1);
    expect(queued.behind).toMatchObject({ command: 'edgelab bench', pid: bench.child.pid });
    bench.child.kill('SIGINT'); // Ctrl-C: the CLI records its run as cancelled and frees the machine
    const cli = await bench.exited;
    expect(cli.record.state).toBe('cancelled');
    expect((await serve.ended(runId)).type).toBe('done');
    const record = await serve.call<RunRecord>('run', { id: runId });
    expect(record.startedAt >= cli.record.finishedAt).toBe(true);
    expect(lockOf(record).waitedFor).toMatchObject({ runId: cli.record.id, command: 'edgelab bench' });
  });

  it('a bench --no-wait during a serve run measures beside it, and both records name the other', async () => {
    const { serve } = await startServe();
    const { runId } = await serve.call<{ runId: string }>('startRun', { spec: long() });
    await serve.waitFor(isMeasuring(runId));

    const bench = benchProcess(['--iterations', '30', '--no-wait']);
    const cli = await bench.exited;
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toContain(`edgelab serve run ${runId} (pid ${serve.child.pid}`);
    expect(cli.stderr).toContain('measuring beside it (--no-wait)');
    const cliLock = lockOf(cli.record);
    expect(cliLock.lock).toBe('not held');
    expect(cliLock.reason).toContain('--no-wait');
    expect(cliLock.overlapped).toEqual([expect.objectContaining({ runId, command: 'edgelab serve', pid: serve.child.pid, lockHeld: true, finishedAt: null })]);
    expect(cli.record.state === 'completed' && cli.record.warnings.find((w) => w.code === 'measured-alongside')?.message).toContain(runId);

    await serve.call('cancelRun', { runId });
    const served = await serve.ended(runId);
    const serveRecord = served.type === 'failed' ? served.record : undefined;
    expect(lockOf(serveRecord!).overlapped).toEqual([expect.objectContaining({ runId: cli.record.id, command: 'edgelab bench', pid: bench.child.pid, lockHeld: false })]);
  });

  it('Ctrl-C on a CLI that waits for the machine ends it (exit 130) with nothing recorded', async () => {
    const { serve } = await startServe();
    const { runId } = await serve.call<{ runId: string }>('startRun', { spec: long() });
    await serve.waitFor(isMeasuring(runId));
    const bench = benchProcess(['--iterations', '30']);
    await bench.says('waiting for the machine');
    bench.child.kill('SIGINT');
    const cli = await bench.exited;
    expect(cli.code, cli.stderr).toBe(130);
    expect(cli.stderr).toContain(`Cancelled while waiting for the machine (edgelab serve run ${runId} (pid ${serve.child.pid}`);
    expect(cli.record).toBeNull();
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    await serve.call('cancelRun', { runId });
    await serve.ended(runId);
  });

  it('a CLI killed while it measures frees the machine: the next run takes the lock at once and sees no overlap', async () => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'edgelab-machine-'));
    const killed = benchProcess(['--duration', '600', '--iterations', '10000000']);
    const holder = await someoneMeasures(stateDir);
    expect(holder.pid).toBe(killed.child.pid);
    killed.child.kill('SIGKILL');
    await killed.exited;

    const next = await benchProcess(['--iterations', '30']).exited;
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).not.toContain('waiting for the machine');
    // The killed run's registry entry is closed at this run's start: it ended before, so no overlap.
    expect(lockOf(next.record)).toMatchObject({ lock: 'held', waitedFor: null, overlapped: [] });
    const entry = JSON.parse(readFileSync(path.join(stateDir, 'measure', 'runs', `${holder.runId}.json`), 'utf8')) as { ended: string };
    expect(entry.ended).toBe('process gone');
  });

  it('a run cancelled while in line is recorded as cancelled with nothing measured, and the line goes on', async () => {
    const { serve } = await startServe();
    const first = (await serve.call<{ runId: string }>('startRun', { spec: long() })).runId;
    await serve.waitFor(isMeasuring(first));
    const second = (await serve.call<{ runId: string }>('startRun', { spec: spec(30) })).runId;
    const third = (await serve.call<{ runId: string }>('startRun', { spec: spec(30) })).runId;
    await serve.waitFor((e) => e.type === 'queued' && e.runId === third && e.position === 2);

    await serve.call('cancelRun', { runId: second });
    const ended = await serve.ended(second);
    expect(ended.type === 'failed' && ended.record).toMatchObject({ state: 'cancelled', samplesMs: [], error: { message: `Cancelled while queued behind run ${first}; nothing was measured.` } });
    // The run behind it moves up.
    await serve.waitFor((e) => e.type === 'queued' && e.runId === third && e.position === 1);
    await serve.call('cancelRun', { runId: first });
    expect((await serve.ended(third)).type).toBe('done');
    const verify = await serve.call<{ ok: boolean }>('verify', {});
    expect(verify.ok).toBe(true);
  });
});
