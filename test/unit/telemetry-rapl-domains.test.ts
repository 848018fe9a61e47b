import { rm } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { readRaplDomains } from '../../core/telemetry/rapl.js';
import { writeSysfsTree } from '../fixtures/rapl/sysfs-tree.js';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

it('reads package, core, uncore, dram and psys counters and skips the duplicate MMIO package', async () => {
  const root = await writeSysfsTree('intel-laptop');
  roots.push(root);
  const reading = await readRaplDomains(root);
  expect(reading).toEqual({
    available: true,
    value: [
      { id: 'intel-rapl:0', name: 'package-0', parentId: null, energyUj: 88413250123, maxEnergyRangeUj: 262143328850 },
      { id: 'intel-rapl:0:0', name: 'core', parentId: 'intel-rapl:0', energyUj: 40122003311, maxEnergyRangeUj: 262143328850 },
      { id: 'intel-rapl:0:1', name: 'uncore', parentId: 'intel-rapl:0', energyUj: 1532098112, maxEnergyRangeUj: 262143328850 },
      { id: 'intel-rapl:0:2', name: 'dram', parentId: 'intel-rapl:0', energyUj: 9876543210, maxEnergyRangeUj: 262143328850 },
      { id: 'intel-rapl:1', name: 'psys', parentId: null, energyUj: 120004455667, maxEnergyRangeUj: 262143328850 },
    ],
  });
});
