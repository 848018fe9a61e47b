import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { LabEvent } from '../../core/api/lab-api.js';
import { openLab } from '../../core/lab/open-lab.js';
import { modelPath } from '../helpers/models.js';

/**
 * The CLI's lab: the same LabService as serve and the app, with its runner in this process. A run
 * goes through the queue and the supervisor like any other and is saved by the lab's side.
 */
const root = mkdtempSync(path.join(tmpdir(), 'edgelab-lab-in-process-'));
const stateDir = mkdtempSync(path.join(tmpdir(), 'edgelab-lab-in-process-state-'));
const lab = await openLab({ workspace: path.join(root, 'ws'), env: { ...process.env, EDGELAB_STATE_DIR: stateDir }, runner: 'in-process', command: 'edgelab test' });
afterAll(() => lab.close());

function settle(runId: string): Promise<LabEvent[]> {
  const events: LabEvent[] = [];
  return new Promise((resolve) => {
    const off = lab.onEvent((event) => {
      if (!('runId' in event) || event.runId !== runId) return;
      events.push(event);
      if (event.type === 'done' || event.type === 'failed') {
        off();
        resolve(events);
      }
    });
  });
}

test('a run measured in this process is saved by the lab, with the events a runner process sends', async () => {
  const { runId } = await lab.startRun({ model: await modelPath('tiny-classifier'), scenario: { kind: 'single-stream', warmup: { iterations: 2 }, iterations: 20 } });
  const events = await settle(runId);
  const last = events.at(-1);
  expect(last?.type).toBe('done');
  const record = await lab.run(runId);
  expect(record.state).toBe('completed');
  expect(record.samplesMs).toHaveLength(20);
  expect((await lab.runs()).map((r) => r.id)).toContain(runId);
  expect((await lab.verify()).ok).toBe(true);
});

test('a cancel stops the measuring loop in this process and the cancelled record is kept', async () => {
  const { runId } = await lab.startRun({ model: await modelPath('tiny-classifier'), scenario: { kind: 'single-stream', warmup: { iterations: 1 }, durationS: 600 } });
  const done = settle(runId);
  const off = lab.onEvent((event) => {
    if (event.type === 'progress' && event.runId === runId) {
      off();
      void lab.cancelRun(runId);
    }
  });
  const events = await done;
  expect(events.at(-1)?.type).toBe('failed');
  expect((await lab.run(runId)).state).toBe('cancelled');
});

test('a bad spec is refused before anything is measured, as over every other transport', async () => {
  await expect(lab.startRun({ model: path.join(root, 'missing.onnx') })).rejects.toMatchObject({ name: 'LabError' });
});
