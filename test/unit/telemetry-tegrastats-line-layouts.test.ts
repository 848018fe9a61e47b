import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { parseTegrastatsLine } from '../../core/telemetry/tegrastats.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tegrastats/${name}`, import.meta.url), 'utf8').split('\n')[0]!;

it('reads the timestamp, per-GPC clocks, offline cores and the TX1-era shared cluster clock', () => {
  const orin = parseTegrastatsLine(fixture('agx-orin-2.txt'));
  expect(orin.timestamp).toBeNull();
  expect(orin.gpu).toEqual({ loadPercent: 0, freqMHz: 305, freqsMHz: [305, 305] });
  expect(orin.emc).toEqual({ loadPercent: 1, freqMHz: 2133, freqsMHz: [2133] });
  expect(orin.swapUsedMiB).toBe(4915);
  expect(orin.cpus[5]).toEqual({ core: 5, online: true, loadPercent: 100, freqMHz: 2201 });
  expect(orin.engines.find((e) => e.name === 'NVENC')).toEqual({ name: 'NVENC', loadPercent: null, freqMHz: null, freqsMHz: [] });
  expect(orin.engines.find((e) => e.name === 'APE')?.freqMHz).toBe(174);

  const orinNano = parseTegrastatsLine(fixture('orin-nano-1.txt'));
  expect(orinNano.timestamp).toBe('11-27-2024 19:20:22');
  expect(orinNano.cpus[4]).toEqual({ core: 4, online: false, loadPercent: null, freqMHz: null });
  expect(orinNano.emc).toBeNull();

  const tx1 = parseTegrastatsLine(fixture('tx1-2.txt'));
  expect(tx1.cpus.map((c) => [c.loadPercent, c.freqMHz])).toEqual([[17, 408], [13, 408], [29, 408], [5, 408]]);
  expect(tx1.emc).toEqual({ loadPercent: 1, freqMHz: 408, freqsMHz: [408] });
  expect(tx1.swapTotalMiB).toBe(8192);

  const nano = parseTegrastatsLine(fixture('nano-1.txt'));
  expect(nano.swapTotalMiB).toBe(1982);
  expect(nano.temperaturesC['PMIC']).toBe(100);
});

it('rejects a line that is not tegrastats output, quoting it', () => {
  expect(() => parseTegrastatsLine('tegrastats: command not found')).toThrow(LabError);
  expect(() => parseTegrastatsLine('tegrastats: command not found')).toThrow(/tegrastats: command not found/);
});
