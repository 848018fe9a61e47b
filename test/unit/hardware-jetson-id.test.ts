import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isJetsonModel, parseDeviceTreeModel, parseNvpmodelQuery, parseTegraRelease } from '../../core/hardware/jetson.js';

const read = (n: number) => readFileSync(new URL(`../fixtures/jetson-id/${n}.txt`, import.meta.url), 'utf8');

describe('Jetson identification from recorded files and commands', () => {
  it('reads the L4T release, board and kernel variant from every nv_tegra_release', () => {
    expect(parseTegraRelease(read(1))).toEqual({
      release: '35.4.1', major: 35, revision: '4.1', board: 't186ref', gcid: '33958178', date: 'Tue Aug  1 19:57:35 UTC 2023', kernelVariant: null,
    });
    expect(parseTegraRelease(read(2))).toEqual({
      release: '36.4.4', major: 36, revision: '4.4', board: 'generic', gcid: '41062509', date: 'Mon Jun 16 16:07:13 UTC 2025', kernelVariant: 'oot',
    });
    expect(parseTegraRelease(read(3))?.release).toBe('36.4.3');
    expect(parseTegraRelease(read(5))?.release).toBe('36.3.0');
    expect(parseTegraRelease(read(7))).toMatchObject({ release: '35.3.1', board: 't186ref' });
    // A 12-hour clock with two spaces: kept as printed.
    expect(parseTegraRelease(read(9))).toMatchObject({ release: '39.2.0', date: 'Mon Jun  1 09:28:48 PM UTC 2026' });
    expect(parseTegraRelease('NVIDIA Jetson AGX Orin Developer Kit\n')).toBeNull();
  });

  it('reads nvpmodel -q as a mode name and number', () => {
    expect(parseNvpmodelQuery(read(4))).toEqual({ name: 'MODE_30W', id: 2 });
    expect(parseNvpmodelQuery(read(13))).toEqual({ name: 'MAXN', id: 0 });
    expect(parseNvpmodelQuery('NVPM WARN: fan mode is not set!\nNV Power Mode: 15W\n1\n')).toEqual({ name: '15W', id: 1 });
    expect(parseNvpmodelQuery('nvpmodel: command not found')).toBeNull();
  });

  it('recognises every recorded device-tree model as a Jetson, and other boards as not', () => {
    const models = [6, 8, 10, 11, 12, 14].map((n) => parseDeviceTreeModel(read(n)));
    expect(models).toEqual([
      'NVIDIA Orin Nano Developer Kit',
      'NVIDIA Jetson AGX Orin Developer Kit',
      'NVIDIA Orin NX Developer Kit',
      'NVIDIA Jetson Nano Developer Kit',
      'jetson_tx1',
      'Jetson-AGX',
    ]);
    for (const model of models) expect(isJetsonModel(model!)).toBe(true);
    expect(parseDeviceTreeModel('NVIDIA Jetson AGX Orin Developer Kit\0')).toBe('NVIDIA Jetson AGX Orin Developer Kit');
    expect(isJetsonModel('Raspberry Pi 4 Model B Rev 1.4')).toBe(false);
    expect(isJetsonModel('Radxa ROCK 5B')).toBe(false);
  });
});
