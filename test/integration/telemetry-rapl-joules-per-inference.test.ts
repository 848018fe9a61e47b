import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startTelemetry } from '../../core/telemetry/sampler.js';
import { summarizeTelemetry } from '../../core/telemetry/telemetry-summary.js';
import { writeSysfsTree } from '../fixtures/rapl/sysfs-tree.js';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

it('turns RAPL counters read from a powercap tree into energy and joules per inference', async () => {
  const powercap = await writeSysfsTree('intel-laptop');
  roots.push(powercap);
  const recorder = await startTelemetry({ intervalMs: 20, powercapRoot: powercap, tegrastats: false, nvidiaSmi: false });
  // 3 J on the package and 5 J on the whole platform (psys) while "the run" goes on.
  await writeFile(join(powercap, 'intel-rapl:0/energy_uj'), `${88413250123 + 3_000_000}\n`);
  await writeFile(join(powercap, 'intel-rapl:1/energy_uj'), `${120004455667 + 5_000_000}\n`);
  await new Promise((r) => setTimeout(r, 60));
  const recording = await recorder.stop();
  const summary = summarizeTelemetry(recording, { samplesMsInOrder: [], inferences: 100, durationMs: 2000, intervalMs: 20 });

  expect(summary.energy.available).toBe(true);
  if (!summary.energy.available) return;
  // psys already contains the package, so it alone is the platform's energy.
  expect(summary.energy.value.source).toMatch(/psys/);
  expect(summary.energy.value.energyJ).toBeCloseTo(5, 6);
  expect(summary.energy.value.joulesPerInference).toBeCloseTo(0.05, 8);
  expect(summary.energy.value.averagePowerW).toBeCloseTo(2.5, 6);
  expect(summary.energy.value.domains.find((d) => d.id === 'intel-rapl:0')?.energyJ).toBeCloseTo(3, 6);
});
