import { rm } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { counterDeltaUj, energyBetween, readRaplDomains, type RaplDomain } from '../../core/telemetry/rapl.js';
import { writeSysfsTree } from '../fixtures/rapl/sysfs-tree.js';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function domainsOf(tree: string): Promise<RaplDomain[]> {
  const root = await writeSysfsTree(tree);
  roots.push(root);
  const reading = await readRaplDomains(root);
  if (!reading.available) throw new Error(reading.reason);
  return reading.value;
}

it('unwraps a counter that passed max_energy_range_uj between two readings', async () => {
  const before = await domainsOf('amd-before-wrap');
  const after = await domainsOf('amd-after-wrap');
  // package: 65532610987 - 65532000000 + 1389013 = 2 J; core did not wrap: 0.75 J.
  expect(energyBetween(before, after)).toEqual([
    { id: 'intel-rapl:0', name: 'package-0', energyUj: 2_000_000, wrapped: true },
    { id: 'intel-rapl:0:0', name: 'core', energyUj: 750_000, wrapped: false },
  ]);
  expect(counterDeltaUj(100, 250, 1000)).toBe(150);
  expect(counterDeltaUj(900, 50, 1000)).toBe(150);
});
