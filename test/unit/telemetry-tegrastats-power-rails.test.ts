import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseTegrastatsLine } from '../../core/telemetry/tegrastats.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tegrastats/${name}`, import.meta.url), 'utf8').split('\n')[0]!;

it('reads power rails as current/average milliwatts in both the unitless and the mW format', () => {
  // Jetson Nano, JetPack 4: `POM_5V_IN 1750/1628`, no units, milliwatts.
  expect(parseTegrastatsLine(fixture('nano-2.txt')).powerRails).toEqual([
    { name: 'POM_5V_IN', currentMw: 1750, averageMw: 1628 },
    { name: 'POM_5V_GPU', currentMw: 0, averageMw: 0 },
    { name: 'POM_5V_CPU', currentMw: 366, averageMw: 406 },
  ]);
  // Xavier NX, JetPack 5.1.2: `VDD_IN 2763mW/2846mW`.
  expect(parseTegrastatsLine(fixture('xavier-nx-3.txt')).powerRails).toEqual([
    { name: 'VDD_IN', currentMw: 2763, averageMw: 2846 },
    { name: 'VDD_CPU_GPU_CV', currentMw: 650, averageMw: 670 },
    { name: 'VDD_SOC', currentMw: 650, averageMw: 711 },
  ]);
  // AGX Xavier's short rail names share words with the CPU and GPU fields (`GPU 0/0 CPU 311/311`).
  const xavier = parseTegrastatsLine(fixture('agx-xavier-1.txt'));
  expect(xavier.powerRails.map((r) => r.name)).toEqual(['GPU', 'CPU', 'SOC', 'CV', 'VDDRQ', 'SYS5V']);
  expect(xavier.cpus).toHaveLength(8);
  // AGX Orin prints an unconnected rail twice under the same name; both are kept in order.
  expect(parseTegrastatsLine(fixture('agx-orin-3.txt')).powerRails.map((r) => r.name)).toEqual([
    'VDD_GPU_SOC',
    'VDD_CPU_CV',
    'VIN_SYS_5V0',
    'NC',
    'VDDQ_VDD2_1V8AO',
    'NC',
  ]);
});
