import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { writeGemmVariants } from '../helpers/gemm-variants.js';
import type { LabEvent } from '../../core/api/lab-api.js';
import { RunRecordSchema, type RunRecord } from '../../core/api/run-record.js';
import type { ReportSectionView } from '../../core/api/report-view.js';
import { saveExpectedOutputs } from '../../core/evaluate/expected-outputs.js';
import { Workspace } from '../../core/evidence/index.js';
import { readTestDataSet, writeTestDataSet } from '../../core/inputs/test-data/test-data-set.js';
import { LabService } from '../../core/lab/lab-service.js';
import { forkRunner } from '../../core/runner/fork-runner.js';
import { ort } from '../../core/runtime/ort.js';
import { startLabServer } from '../../core/server/lab-server.js';
import { modelPath } from '../helpers/models.js';

// A real `edgelab serve` (the HTTP server over LabService) whose checks run in real runner
// processes (forkRunner) on real generated models, test-data sets and JPEGs.
const root = await mkdtemp(path.join(tmpdir(), 'edgelab-serve-check-'));
const workspace = await Workspace.open(path.join(root, 'ws'));
const lab = new LabService({ workspace, launchRunner: forkRunner });
const server = await startLabServer({ lab, port: 0, host: '127.0.0.1', rendererDir: path.join(root, 'no-bundle') });
afterAll(async () => {
  await server.close();
  await lab.close();
});
const base = `http://127.0.0.1:${server.port}`;
const headers = { 'content-type': 'application/json', 'x-edgelab-token': server.token };

async function call(method: string, args: unknown): Promise<{ status: number; body: { value?: unknown; error?: { message: string; hint?: string } } }> {
  const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(args) });
  return { status: res.status, body: (await res.json()) as { value?: unknown; error?: { message: string; hint?: string } } };
}

/** Starts a check over HTTP and reads the server-sent events until its terminal one. */
async function check(request: unknown): Promise<{ last: LabEvent; record: RunRecord }> {
  const stream = await fetch(`${base}/api/events?token=${server.token}`);
  const started = await call('startOutputCheck', { request });
  expect(started.body.error).toBeUndefined();
  const runId = (started.body.value as { runId: string }).runId;
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the event stream ended before run ${runId} did`);
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const data = buffered.slice(0, end).split('\n').find((l) => l.startsWith('data: '));
      buffered = buffered.slice(end + 2);
      if (!data) continue;
      const event = JSON.parse(data.slice('data: '.length)) as LabEvent;
      if (event.runId !== runId || (event.type !== 'done' && event.type !== 'failed')) continue;
      await reader.cancel();
      const saved = await call('run', { id: runId });
      return { last: event, record: RunRecordSchema.parse(saved.body.value) };
    }
  }
}

async function sections(id: string): Promise<string> {
  return JSON.stringify((await call('runSections', { id })).body.value as ReportSectionView[]);
}

describe('output checks over HTTP, in the runner process', () => {
  test('expected outputs: a matching set passes, a tampered one is recorded and shown as failed', async () => {
    const model = await modelPath('tiny-classifier');
    const dir = path.join(root, 'test-data');
    const set = path.join(dir, 'test_data_set_0');
    await writeTestDataSet(set, [{ name: 'input', tensor: new ort.Tensor('float32', Float32Array.from({ length: 3072 }, (_, i) => Math.cos(i)), [1, 3, 32, 32]) }]);
    await saveExpectedOutputs(model, dir);

    const pass = await check({ kind: 'expected-outputs', model, testData: dir, label: 'expected over http' });
    expect(pass.last.type).toBe('done');
    expect(pass.record.state).toBe('completed');
    expect(pass.record.spec.label).toBe('expected over http');
    expect(pass.record.spec.tags).toContain('eval');
    expect(pass.record.state === 'completed' && pass.record.extras.evaluation).toMatchObject({ kind: 'expected-outputs', verdict: 'pass', passedSets: 1 });

    const saved = await readTestDataSet(set);
    const probs = Float32Array.from(saved.outputs[0]?.tensor.data as Float32Array).map((p) => p * 1.01);
    await writeTestDataSet(set, [], [{ name: 'probabilities', tensor: new ort.Tensor('float32', probs, [1, 10]) }]);
    const fail = await check({ kind: 'expected-outputs', model, testData: dir });
    // Recorded as `edgelab eval` records it: a completed run whose evaluation verdict is fail.
    expect(fail.record.extras.evaluation).toMatchObject({ verdict: 'fail', failedSets: 1, tolerance: { atol: 1e-5, rtol: 1e-3 } });
    expect(await sections(fail.record.id)).toMatch(/FAIL/);

    const loose = await check({ kind: 'expected-outputs', model, testData: dir, tolerance: { rtol: 0.02 } });
    expect(loose.record.extras.evaluation).toMatchObject({ verdict: 'pass', tolerance: { atol: 1e-5, rtol: 0.02 } });
  });

  test('accuracy on labelled JPEGs with the image options of a run', async () => {
    const model = await modelPath('tiny-classifier');
    const labels = path.join(root, 'labels.txt');
    await writeFile(labels, Array.from({ length: 10 }, (_, i) => `c${i}`).join('\n'));
    await mkdir(path.join(root, 'val', 'c3'), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).jpeg().toFile(path.join(root, 'val', 'c3', 'x.jpg'));
    const { last, record } = await check({ kind: 'accuracy', model, images: path.join(root, 'val'), labels, preprocessing: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], resize: 'center-crop' } });
    expect(last.type).toBe('done');
    expect(record.extras.accuracy).toMatchObject({ imageCount: 1, classCount: 10 });
    expect(record.spec.inputs).toMatchObject({ kind: 'images', resize: 'center-crop', mean: [0.485, 0.456, 0.406] });
  });

  test('parity: an fp16 variant fails the default tolerance and passes a looser one', async () => {
    const [fp32, fp16] = await writeGemmVariants(root);
    const strict = await check({ kind: 'parity', model: fp32, candidateModel: fp16, sets: 2, seed: 7 });
    expect(strict.record.extras.parity).toMatchObject({ verdict: 'fail', inputSets: 2 });
    expect(strict.record.spec.tags).toContain('parity');
    expect(await sections(strict.record.id)).toMatch(/FAIL|fail/);

    const loose = await check({ kind: 'parity', model: fp32, candidateModel: fp16, tolerance: { atol: 0.01, rtol: 0.01 } });
    expect(loose.record.extras.parity).toMatchObject({ verdict: 'pass', candidate: { model: fp16 } });
  });

  test('bad requests are refused before a runner starts, naming the field and the value', async () => {
    const model = await modelPath('tiny-classifier');
    const missingDir = await call('startOutputCheck', { request: { kind: 'expected-outputs', model, testData: path.join(root, 'nowhere') } });
    expect(missingDir.status).toBe(422);
    // The readers' own words, which name the form's field ("Test-data folder") on every face.
    expect(missingDir.body.error?.message).toMatch(/^Test-data folder .*nowhere does not exist/);

    const labelsIsFolder = await call('startOutputCheck', { request: { kind: 'accuracy', model, images: root, labels: root } });
    expect(labelsIsFolder.status).toBe(422);
    expect(labelsIsFolder.body.error?.message).toMatch(/^Labels file .* is a folder, not a regular file/);

    const forceAlone = await call('startOutputCheck', { request: { kind: 'expected-outputs', model, testData: root, force: true } });
    expect(forceAlone.status).toBe(400);
    expect(forceAlone.body.error?.message).toContain('force only goes with saveExpected');

    const missingModel = await call('startOutputCheck', { request: { kind: 'parity', model: path.join(root, 'missing.onnx'), providers: ['cpu', 'cpu'] } });
    expect(missingModel.status).toBe(422);
    expect(missingModel.body.error?.message).toContain('missing.onnx');

    const badTolerance = await call('startOutputCheck', { request: { kind: 'parity', model, tolerance: { atol: -1 } } });
    expect(badTolerance.status).toBe(400);
    expect(badTolerance.body.error?.message).toContain('atol');

    const unknownKind = await call('startOutputCheck', { request: { kind: 'latency', model } });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.error?.message).toContain('kind');
  });

  test('parity of a model with itself on one provider is refused by the runner, as the CLI refuses it, and nothing is recorded', async () => {
    const model = await modelPath('tiny-classifier');
    const before = ((await call('runs', {})).body.value as unknown[]).length;
    const stream = await fetch(`${base}/api/events?token=${server.token}`);
    const started = await call('startOutputCheck', { request: { kind: 'parity', model } });
    const runId = (started.body.value as { runId: string }).runId;
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes(`"runId":"${runId}"`) || !/"type":"failed"/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toContain('compares nothing');
    await lab.settled(runId);
    expect(((await call('runs', {})).body.value as unknown[]).length).toBe(before);
  });
});
