import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { startTelemetry } from '../../core/telemetry/sampler.js';
import { writeSysfsTree } from '../fixtures/rapl/sysfs-tree.js';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

const replay = fileURLToPath(new URL('../fixtures/tegrastats-replay.mjs', import.meta.url));
const orinNano = fileURLToPath(new URL('../fixtures/tegrastats/orin-nano-1.txt', import.meta.url));

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 25) {
    if (waited > 20_000) throw new Error('condition not met within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

it('samples CPU, memory, RAPL energy and the latest tegrastats line until stopped', async () => {
  const powercap = await writeSysfsTree('intel-laptop');
  roots.push(powercap);
  const recorder = await startTelemetry({ intervalMs: 20, powercapRoot: powercap, tegrastats: { command: process.execPath, args: [replay, orinNano] } });
  // The kernel's CPU counters tick every 10 ms; on a busy machine a 20 ms interval may see them not
  // advance, and that sample's load is null ('not measured'), never a made-up 0 %. So wait for a
  // sample that has a reading instead of expecting the last one to have one.
  let sawLoad = false;
  await until(() => {
    const latest = recorder.latest();
    if (latest?.cpuLoadPercent != null) sawLoad = true;
    return latest?.tegrastats != null && sawLoad;
  });
  const recording = await recorder.stop();

  expect(recording.samples.length).toBeGreaterThan(1);
  const last = recording.samples.at(-1)!;
  expect(last.elapsedMs).toBeGreaterThan(recording.samples[0]!.elapsedMs);
  // Null when the 10 ms CPU counters did not tick between two 20 ms samples (a busy machine can
  // delay the timer either way); a reading, when there is one, is a percentage.
  for (const sample of recording.samples) {
    if (sample.cpuLoadPercent !== null) {
      expect(sample.cpuLoadPercent).toBeGreaterThanOrEqual(0);
      expect(sample.cpuLoadPercent).toBeLessThanOrEqual(100);
    }
  }
  expect(last.memoryUsedBytes).toBeGreaterThan(0);
  expect(last.processRssBytes).toBeGreaterThan(0);
  expect(last.tegrastats?.ramTotalMiB).toBe(7620);
  // The recorded counters do not move, so every domain used no energy: a reading, not a gap.
  expect(last.raplPowerW).toEqual({ 'intel-rapl:0': 0, 'intel-rapl:0:0': 0, 'intel-rapl:0:1': 0, 'intel-rapl:0:2': 0, 'intel-rapl:1': 0 });
  expect(recording.energy).toEqual({
    available: true,
    value: [
      { id: 'intel-rapl:0', name: 'package-0', energyJ: 0 },
      { id: 'intel-rapl:0:0', name: 'core', energyJ: 0 },
      { id: 'intel-rapl:0:1', name: 'uncore', energyJ: 0 },
      { id: 'intel-rapl:0:2', name: 'dram', energyJ: 0 },
      { id: 'intel-rapl:1', name: 'psys', energyJ: 0 },
    ],
  });
  expect(recording.tegrastats).toMatchObject({ available: true, value: { unreadableLines: 0 } });
});

it('says why energy and tegrastats are missing instead of reporting zeros', async () => {
  const recorder = await startTelemetry({
    intervalMs: 20,
    powercapRoot: '/nonexistent/powercap',
    tegrastats: { command: 'edgelab-no-such-tegrastats', args: [] },
  });
  const recording = await recorder.stop();
  expect(recording.samples.length).toBeGreaterThanOrEqual(1);
  expect(recording.samples[0]!.raplPowerW).toEqual({});
  expect(recording.energy).toMatchObject({ available: false, reason: expect.stringMatching(/No powercap interface at \/nonexistent\/powercap/) });
  expect(recording.tegrastats).toMatchObject({ available: false, reason: expect.stringMatching(/edgelab-no-such-tegrastats was not found on PATH/) });
});
