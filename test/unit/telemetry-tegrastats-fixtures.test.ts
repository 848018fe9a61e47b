import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTegrastatsLine } from '../../core/telemetry/tegrastats.js';

const dir = new URL('../fixtures/tegrastats/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

function linesOf(file: string): string[] {
  return readFileSync(new URL(file, dir), 'utf8').split('\n').filter((l) => l.trim().length > 0);
}

// What each recorded board printed: RAM total, CPU entries, online cores, first rail (null when the
// release printed no rails) and GPU (GR3D) load/clock of the first line.
const expected: Record<string, { ramTotalMiB: number; cpus: number; online: number; firstRail: [string, number, number] | null; gpu: [number, number | null] }> = {
  'agx-orin-1.txt': { ramTotalMiB: 62840, cpus: 12, online: 12, firstRail: ['VDD_GPU_SOC', 4940, 4940], gpu: [0, null] },
  'agx-orin-2.txt': { ramTotalMiB: 30697, cpus: 12, online: 12, firstRail: ['VDD_GPU_SOC', 3205, 3205], gpu: [0, 305] },
  'agx-orin-3.txt': { ramTotalMiB: 62801, cpus: 12, online: 12, firstRail: ['VDD_GPU_SOC', 2340, 2340], gpu: [0, 0] },
  'agx-orin-4.txt': { ramTotalMiB: 30623, cpus: 12, online: 12, firstRail: ['VDD_GPU_SOC', 4788, 4788], gpu: [0, 114] },
  'agx-orin-5.txt': { ramTotalMiB: 62795, cpus: 12, online: 12, firstRail: ['VDD_GPU_SOC', 2399, 2399], gpu: [0, 0] },
  'agx-orin-6.txt': { ramTotalMiB: 30697, cpus: 12, online: 8, firstRail: ['VDD_GPU_SOC', 1995, 1995], gpu: [0, null] },
  'agx-xavier-1.txt': { ramTotalMiB: 31927, cpus: 8, online: 4, firstRail: ['GPU', 0, 0], gpu: [0, 318] },
  'agx-xavier-2.txt': { ramTotalMiB: 15692, cpus: 8, online: 8, firstRail: ['GPU', 463, 463], gpu: [0, null] },
  'nano-1.txt': { ramTotalMiB: 3964, cpus: 4, online: 4, firstRail: ['POM_5V_IN', 1022, 1022], gpu: [0, 76] },
  'nano-2.txt': { ramTotalMiB: 3964, cpus: 4, online: 4, firstRail: ['POM_5V_IN', 1750, 1628], gpu: [0, 76] },
  'nano-3.txt': { ramTotalMiB: 3964, cpus: 4, online: 4, firstRail: ['POM_5V_IN', 943, 943], gpu: [0, null] },
  'orin-nano-1.txt': { ramTotalMiB: 7620, cpus: 6, online: 4, firstRail: ['VDD_IN', 4233, 4233], gpu: [0, null] },
  'orin-nx-1.txt': { ramTotalMiB: 15388, cpus: 8, online: 4, firstRail: ['VDD_IN', 5299, 5299], gpu: [0, 611] },
  'tx1-1.txt': { ramTotalMiB: 3983, cpus: 4, online: 4, firstRail: ['VDD_IN', 2532, 2698], gpu: [0, 76] },
  'tx1-2.txt': { ramTotalMiB: 3983, cpus: 4, online: 4, firstRail: null, gpu: [3, 76] },
  'tx1-3.txt': { ramTotalMiB: 3995, cpus: 4, online: 4, firstRail: null, gpu: [0, 998] },
  'tx2-1.txt': { ramTotalMiB: 7852, cpus: 6, online: 4, firstRail: ['VDD_SYS_GPU', 152, 152], gpu: [0, 624] },
  'tx2-2.txt': { ramTotalMiB: 7854, cpus: 6, online: 6, firstRail: ['VDD_IN', 1931, 1931], gpu: [0, 140] },
  'tx2-3.txt': { ramTotalMiB: 7852, cpus: 6, online: 6, firstRail: ['VDD_SYS_GPU', 153, 158], gpu: [0, null] },
  'xavier-nx-1.txt': { ramTotalMiB: 7772, cpus: 6, online: 6, firstRail: ['VDD_IN', 4067, 4067], gpu: [62, 306] },
  'xavier-nx-2.txt': { ramTotalMiB: 7771, cpus: 6, online: 6, firstRail: ['VDD_IN', 6140, 5510], gpu: [0, 1109] },
  'xavier-nx-3.txt': { ramTotalMiB: 6851, cpus: 6, online: 6, firstRail: ['VDD_IN', 2763, 2846], gpu: [0, 114] },
};

describe('parseTegrastatsLine on every recorded tegrastats output', () => {
  it('has an expectation for every fixture file', () => {
    expect(files).toEqual(Object.keys(expected).sort());
  });

  for (const file of files) {
    it(`reads every field of ${file}`, () => {
      const want = expected[file]!;
      const samples = linesOf(file).map(parseTegrastatsLine);
      expect(samples.length).toBeGreaterThan(0);
      for (const sample of samples) {
        expect(sample.unparsed).toEqual([]);
        expect(sample.ramTotalMiB).toBe(want.ramTotalMiB);
        expect(sample.ramUsedMiB).toBeGreaterThan(0);
        expect(sample.cpus).toHaveLength(want.cpus);
        expect(sample.cpus.filter((c) => c.online)).toHaveLength(want.online);
        for (const cpu of sample.cpus.filter((c) => c.online)) {
          expect(cpu.loadPercent).toBeGreaterThanOrEqual(0);
          expect(cpu.freqMHz).toBeGreaterThan(0);
        }
        expect(sample.gpu).not.toBeNull();
      }
      const first = samples[0]!;
      expect([first.gpu?.loadPercent, first.gpu?.freqMHz]).toEqual(want.gpu);
      if (want.firstRail === null) {
        expect(first.powerRails).toEqual([]);
      } else {
        const [name, currentMw, averageMw] = want.firstRail;
        expect(first.powerRails[0]).toEqual({ name, currentMw, averageMw });
      }
    });
  }
});
