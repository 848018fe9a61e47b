import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readJetson } from '../../core/hardware/jetson.js';

const fixture = (n: number) => new URL(`../fixtures/jetson-id/${n}.txt`, import.meta.url);
const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

/** A root folder holding the Jetson files at their real paths, from the recorded outputs. */
async function boardRoot(files: Record<string, number>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'edgelab-jetson-'));
  roots.push(root);
  for (const [path, n] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await copyFile(fixture(n), join(root, path));
  }
  return root;
}

it('identifies a Jetson from its device-tree model, nv_tegra_release and nvpmodel', async () => {
  // AGX Orin on L4T 39.2 (files 8 and 9 come from the same board); power mode from file 13.
  const root = await boardRoot({ 'proc/device-tree/model': 8, 'etc/nv_tegra_release': 9 });
  const nvpmodel = await readFile(fixture(13), 'utf8');
  // `jetson_clocks --show` recorded on an AGX Orin in MAXN (test/fixtures/trtexec-runs/jetson), where the clocks float.
  const clocks = await readFile(new URL('../fixtures/trtexec-runs/jetson/jetson_clocks-show_agx-orin-64gb-dsboard_maxn_branes.txt', import.meta.url), 'utf8');
  const jetson = await readJetson(root, async () => nvpmodel, async () => clocks);
  expect(jetson).toMatchObject({
    model: 'NVIDIA Jetson AGX Orin Developer Kit',
    l4tRelease: '39.2.0',
    l4tBoard: 'generic',
    powerMode: { name: 'MAXN', id: 0 },
    clocks: { locked: false, powerMode: 'MAXN' },
    fan: { pwm: 3, control: 'active', source: 'jetson_clocks --show' },
  });
  expect(jetson?.clocks?.detail).toMatch(/^cpu0 730–2202 MHz/);
});

it('identifies a Jetson whose model lacks the word and that has no nvpmodel (Orin Nano, L4T 35.3.1)', async () => {
  const root = await boardRoot({ 'sys/firmware/devicetree/base/model': 6, 'etc/nv_tegra_release': 7 });
  expect(await readJetson(root, async () => null, async () => null)).toEqual({
    model: 'NVIDIA Orin Nano Developer Kit',
    l4tRelease: '35.3.1',
    l4tBoard: 't186ref',
    powerMode: null,
    // Without root, jetson_clocks --show refuses: unknown, said so, never "unlocked".
    clocks: { locked: null, detail: expect.stringContaining('needs root') as unknown as string, powerMode: null },
    fan: null,
  });
});

it('is null on a machine with neither file, without running nvpmodel', async () => {
  const root = await boardRoot({});
  let queried = false;
  expect(await readJetson(root, async () => ((queried = true), null))).toBeNull();
  expect(queried).toBe(false);
});
