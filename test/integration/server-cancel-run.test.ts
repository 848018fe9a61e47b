import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { LabEvent } from '../../core/api/lab-api.js';
import { Workspace } from '../../core/evidence/index.js';
import { LabService } from '../../core/lab/lab-service.js';
import { forkRunner } from '../../core/runner/fork-runner.js';
import { modelPath } from '../helpers/models.js';

const workspace = await Workspace.open(mkdtempSync(path.join(tmpdir(), 'edgelab-cancel-')));
const lab = new LabService({ workspace, launchRunner: forkRunner });
afterAll(() => lab.close());

test('cancelling a run in the runner saves it as cancelled with the samples so far', async () => {
  const model = await modelPath('tiny-classifier');
  const events: LabEvent[] = [];
  const measuring = new Promise<void>((resolve) => lab.onEvent((e) => (events.push(e), e.type === 'samples' && resolve())));
  const { runId } = await lab.startRun({ model, scenario: { kind: 'single-stream', warmup: { iterations: 2 }, iterations: 10_000_000, durationS: 120 } });
  await measuring;
  await lab.cancelRun(runId);
  await lab.settled(runId);

  const last = events.at(-1);
  expect(last?.type).toBe('failed');
  const saved = await workspace.getRun(runId);
  expect(saved.state).toBe('cancelled');
  expect(saved.samplesMs.length).toBeGreaterThan(0);
  await expect(lab.cancelRun(runId)).rejects.toThrow(`No run ${runId} is in progress`);
});
