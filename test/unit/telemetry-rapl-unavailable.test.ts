import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRaplDomains } from '../../core/telemetry/rapl.js';
import { writeSysfsTree } from '../fixtures/rapl/sysfs-tree.js';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function tree(name: string): Promise<string> {
  const root = await writeSysfsTree(name);
  roots.push(root);
  return root;
}

describe('an energy counter that cannot be read is unavailable with its reason, never zero', () => {
  it('says there is no powercap interface when the folder does not exist', async () => {
    const missing = join(await mkdtemp(join(tmpdir(), 'edgelab-no-powercap-')), 'powercap');
    roots.push(missing);
    const reading = await readRaplDomains(missing);
    expect(reading.available).toBe(false);
    if (!reading.available) expect(reading.reason).toMatch(/No powercap interface at .*powercap.*intel_rapl/);
  });

  it('says there are no RAPL domains when powercap holds none', async () => {
    const reading = await readRaplDomains(await tree('no-rapl-domains'));
    expect(reading).toMatchObject({ available: false, reason: expect.stringMatching(/No RAPL domains \(intel-rapl:N\)/) });
  });

  it('names the counter file that is missing or garbled', async () => {
    const missing = await readRaplDomains(await tree('counter-missing'));
    expect(missing).toMatchObject({ available: false, reason: expect.stringMatching(/intel-rapl:0[/\\]energy_uj does not exist/) });
    const garbled = await readRaplDomains(await tree('counter-garbled'));
    expect(garbled).toMatchObject({ available: false, reason: expect.stringMatching(/energy_uj holds "not-a-number"/) });
  });

  // Root reads any file whatever its mode, so the denial can only be shown as an ordinary user.
  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('explains that Linux 5.10+ keeps energy_uj for root', async () => {
    const root = await tree('intel-laptop');
    await chmod(join(root, 'intel-rapl:0', 'energy_uj'), 0o000);
    const reading = await readRaplDomains(root);
    expect(reading).toMatchObject({ available: false, reason: expect.stringMatching(/Permission denied reading .*energy_uj.*root only/) });
  });
});
