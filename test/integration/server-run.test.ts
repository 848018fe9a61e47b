import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { LabEvent } from '../../core/api/lab-api.js';
import { Workspace } from '../../core/evidence/index.js';
import { LabService } from '../../core/lab/lab-service.js';
import { forkRunner } from '../../core/runner/fork-runner.js';
import { startLabServer } from '../../core/server/lab-server.js';
import { modelPath } from '../helpers/models.js';

const root = mkdtempSync(path.join(tmpdir(), 'edgelab-serve-run-'));
const workspace = await Workspace.open(path.join(root, 'ws'));
const lab = new LabService({ workspace, launchRunner: forkRunner });
const server = await startLabServer({ lab, port: 0, host: '127.0.0.1', rendererDir: path.join(root, 'no-bundle') });
afterAll(async () => {
  await server.close();
  await lab.close();
});
const base = `http://127.0.0.1:${server.port}`;
const headers = { 'content-type': 'application/json', 'x-edgelab-token': server.token };

async function call(method: string, args: unknown): Promise<{ status: number; body: { value?: unknown; error?: { message: string } } }> {
  const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(args) });
  return { status: res.status, body: (await res.json()) as { value?: unknown; error?: { message: string } } };
}

/** Reads `data:` lines of the SSE stream until a terminal event for the run. */
async function collectEvents(response: Response, runId: () => string | undefined): Promise<LabEvent[]> {
  const events: LabEvent[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (!data) continue;
      const event = JSON.parse(data.slice('data: '.length)) as LabEvent;
      events.push(event);
      if ((event.type === 'done' || event.type === 'failed') && event.runId === runId()) {
        await reader.cancel();
        return events;
      }
    }
  }
}

test('a run started over HTTP streams progress as server-sent events and is saved', async () => {
  const stream = await fetch(`${base}/api/events?token=${server.token}`);
  expect(stream.headers.get('content-type')).toContain('text/event-stream');
  let runId: string | undefined;
  const collecting = collectEvents(stream, () => runId);

  const model = await modelPath('tiny-classifier');
  const started = await call('startRun', { spec: { model, label: 'over http', scenario: { kind: 'single-stream', warmup: { iterations: 3 }, iterations: 1_000_000, durationS: 0.6 } } });
  expect(started.status).toBe(200);
  runId = (started.body.value as { runId: string }).runId;

  const events = await collecting;
  const mine = events.filter((e) => e.runId === runId);
  expect(mine.some((e) => e.type === 'progress' && e.phase === 'measure')).toBe(true);
  const sampled = mine.flatMap((e) => (e.type === 'samples' ? e.samplesMs : []));
  const last = mine.at(-1);
  expect(last?.type).toBe('done');
  if (last?.type !== 'done') return;
  expect(last.record.state).toBe('completed');
  // Progress is reported every 100 ms; the last samples travel in the record itself.
  expect(sampled.length).toBeGreaterThan(0);
  expect(sampled.length).toBeLessThanOrEqual(last.record.samplesMs.length);

  const saved = await call('run', { id: runId });
  expect((saved.body.value as { id: string; spec: { label: string } }).spec.label).toBe('over http');
  const listed = await call('runs', { filter: { limit: 5 } });
  expect((listed.body.value as Array<{ id: string; state: string }>)[0]).toMatchObject({ id: runId, state: 'completed' });

  const report = await call('exportReport', { ids: [runId], format: 'html' });
  const url = (report.body.value as { url: string }).url;
  const page = await fetch(`${base}${url}`, { headers });
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain('sandbox');
  expect(await page.text()).toContain('<html');
});

test('a model that is not there is refused before any run starts, naming the file', async () => {
  const res = await call('startRun', { spec: { model: path.join(root, 'missing.onnx') } });
  expect(res.status).toBe(422);
  expect(res.body.error?.message).toContain('missing.onnx');
});

test('without a UI bundle the page says to run npm run build', async () => {
  const page = await fetch(`${base}/`, { headers });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('npm run build');
});
