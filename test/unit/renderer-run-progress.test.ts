import { expect, test } from 'vitest';
import type { LabEvent } from '../../core/api/lab-api.js';
import { recordRun } from '../../core/measure/record-run.js';
import { describeProgress, nextProgress, type RunProgress } from '../../renderer/src/run-progress.js';
import { modelPath } from '../helpers/models.js';

// The run screen's status line over the events of a real run (ONNX Runtime on a real model). The
// warm-up is by duration, so it reports progress (every 100 ms) before the timed run begins.
test('the timed run starts at no iterations: the warm-up\'s count is never shown as the timed run\'s', async () => {
  const events: LabEvent[] = [];
  await recordRun(
    { model: await modelPath('tiny-classifier'), scenario: { kind: 'single-stream', warmup: { durationMs: 350 }, iterations: 50 } },
    { onEvent: (e) => events.push(e as LabEvent) },
  );
  let progress: RunProgress | null = null;
  const lines: Array<{ event: LabEvent; text: string }> = [];
  for (const event of events) {
    if (event.type !== 'phase' && event.type !== 'progress') continue;
    progress = nextProgress(progress, event);
    lines.push({ event, text: describeProgress(true, progress) });
  }
  const warmupProgress = lines.filter((l) => l.event.type === 'progress' && l.event.phase === 'warmup');
  expect(warmupProgress.length).toBeGreaterThan(0);
  expect(warmupProgress.at(-1)?.text).toMatch(/^Warming up: \d+ iterations, \d+ %/);
  const measureStart = lines.findIndex((l) => l.event.type === 'phase' && l.event.phase === 'measure');
  expect(lines[measureStart]?.text).toBe('Timed run…');
  // Every "Timed run" figure is the timed run's own, from its own progress events.
  for (const line of lines.filter((l) => /^Timed run: /.test(l.text))) {
    expect(line.event.type === 'progress' && line.event.phase === 'measure').toBe(true);
  }
});

test('a phase event repeated (a trial of a search) keeps the count', () => {
  const at: RunProgress = { phase: 'measure', detail: 'trial 1 of 3', iterations: 40, fraction: 0.4, lastMs: 1.2 };
  expect(nextProgress(at, { type: 'phase', runId: 'r', phase: 'measure', detail: 'trial 2 of 3' })).toEqual({ phase: 'measure', detail: 'trial 2 of 3', iterations: 40, fraction: 0.4, lastMs: 1.2 });
});
