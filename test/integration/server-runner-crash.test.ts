import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { LabEvent } from '../../core/api/lab-api.js';
import { Workspace } from '../../core/evidence/index.js';
import { LabService } from '../../core/lab/lab-service.js';
import { forkRunner } from '../../core/runner/fork-runner.js';
import { modelPath } from '../helpers/models.js';

// A runner killed mid-run (as a native abort or the OOM killer would) must become a saved failed
// run with its cause and the samples measured so far, and the lab must keep serving.
const workspace = await Workspace.open(mkdtempSync(path.join(tmpdir(), 'edgelab-crash-')));
const lab = new LabService({ workspace, launchRunner: forkRunner });
afterAll(() => lab.close());

function nextEvent(predicate: (e: LabEvent) => boolean): Promise<LabEvent> {
  return new Promise((resolve) => {
    const off = lab.onEvent((e) => {
      if (predicate(e)) {
        off();
        resolve(e);
      }
    });
  });
}

test('a SIGKILLed runner becomes a saved failed run with its cause and samples', async () => {
  const model = await modelPath('tiny-classifier');
  const firstSamples = nextEvent((e) => e.type === 'samples');
  const { runId } = await lab.startRun({ model, scenario: { kind: 'single-stream', warmup: { iterations: 2 }, iterations: 10_000_000, durationS: 120 } });
  const ended = nextEvent((e) => (e.type === 'failed' || e.type === 'done') && e.runId === runId);
  expect((await firstSamples).runId).toBe(runId);

  const pid = lab.runnerPid(runId);
  expect(pid).toBeTypeOf('number');
  process.kill(pid as number, 'SIGKILL');

  const event = await ended;
  expect(event.type).toBe('failed');
  if (event.type !== 'failed') return;
  expect(event.message).toContain('SIGKILL');
  expect(event.hint).toBeTruthy();

  const saved = await workspace.getRun(runId);
  expect(saved.state).toBe('failed');
  if (saved.state !== 'failed') return;
  expect(saved.error.message).toContain('tiny-classifier.onnx');
  expect(saved.samplesMs.length).toBeGreaterThan(0);
  expect(saved.model?.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect((await workspace.verify()).ok).toBe(true);

  const listed = await lab.runs();
  expect(listed.map((r) => r.id)).toContain(runId);
});
