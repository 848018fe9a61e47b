import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runBenchmark } from '../../core/bench/run-benchmark.js';
import type { TelemetrySummary } from '../../core/telemetry/telemetry-summary.js';
import { modelPath } from '../helpers/models.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

it('records each missing sensor as unavailable with its reason, never as zero', async () => {
  const emptyThermal = await mkdtemp(join(tmpdir(), 'edgelab-thermal-'));
  dirs.push(emptyThermal);
  const record = await runBenchmark(
    { model: await modelPath('tiny-classifier'), telemetry: true, scenario: { kind: 'single-stream', iterations: 30, warmup: { iterations: 2 } } },
    {
      telemetry: {
        powercapRoot: '/nonexistent/powercap',
        thermalRoot: emptyThermal,
        tegrastats: { command: 'edgelab-no-such-tegrastats', args: [] },
        nvidiaSmi: { command: 'edgelab-no-such-nvidia-smi', args: [] },
      },
    },
  );
  expect(record.state).toBe('completed');
  const t = record.extras.telemetry as TelemetrySummary;
  expect(t.sampleCount).toBeGreaterThanOrEqual(1);
  expect(t.energy).toMatchObject({ available: false, reason: expect.stringMatching(/No powercap interface at \/nonexistent\/powercap/) });
  expect(t.temperatureC).toMatchObject({ available: false, reason: expect.stringMatching(/No thermal_zone/) });
  expect(t.gpu).toMatchObject({ available: false, reason: expect.stringMatching(/edgelab-no-such-nvidia-smi was not found/) });
  expect(t.tegrastats).toMatchObject({ available: false, reason: expect.stringMatching(/edgelab-no-such-tegrastats was not found/) });
  expect(t.series.powerW.every((p) => p === null)).toBe(true);
  expect(t.series.temperatureC.every((c) => c === null)).toBe(true);
  expect(typeof t.throttling.finding).toBe('string');
  const memory = record.extras.memory as Record<string, number>;
  expect(memory.peakRssBytes).toBeGreaterThanOrEqual(memory.rssAfterSessionBytes as number);
});
