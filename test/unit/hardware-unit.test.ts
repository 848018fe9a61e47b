import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hardwareFingerprint } from '../../core/hardware/fingerprint.js';
import { hardwareKindKey, hardwareKindLabel, unitName, unitOf } from '../../core/hardware/hardware-kind.js';
import { readJetson } from '../../core/hardware/jetson.js';
import { readHardware } from '../../core/hardware/read-hardware.js';
import { machineUnitId, parseSerial, readUnit } from '../../core/hardware/unit.js';
import { hardwareRows } from '../../core/present/format-hardware.js';

const fixture = (n: number) => new URL(`../fixtures/jetson-id/${n}.txt`, import.meta.url);
const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

/** A root folder with real recorded Jetson files at their paths, plus files written as the kernel exposes them. */
async function boardRoot(recorded: Record<string, number>, written: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'edgelab-unit-'));
  roots.push(root);
  for (const [path, n] of Object.entries(recorded)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await copyFile(fixture(n), join(root, path));
  }
  for (const [path, text] of Object.entries(written)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

// The recorded jetson-id fixtures hold the model, nv_tegra_release and nvpmodel outputs of real
// boards but no serial-number capture (a serial identifies one person's board and is not published),
// so the serial files here are written in the kernel's format: a device-tree string property is the
// text followed by one NUL byte, and SMBIOS product_serial is the text followed by a newline.
const NO_ENV = {};

describe('readUnit', () => {
  it('names a Jetson by its device-tree serial number, beside the real model and release files', async () => {
    const root = await boardRoot({ 'proc/device-tree/model': 10, 'etc/nv_tegra_release': 2 }, { 'proc/device-tree/serial-number': '1422919145234\0', 'etc/machine-id': 'b08dfa6083e7567a1921a715000001fb\n' });
    expect(await readUnit(root, NO_ENV)).toEqual({ id: '1422919145234', source: 'serial', label: null });
    // The same board is a Jetson to the existing reader: the unit adds to it, it does not replace it.
    expect((await readJetson(root, async () => null, async () => null))?.model).toBe('NVIDIA Orin NX Developer Kit');
  });

  it('reads /sys/firmware/devicetree/base when /proc/device-tree is absent, and SMBIOS on x86', async () => {
    const dt = await boardRoot({ 'sys/firmware/devicetree/base/model': 11 }, { 'sys/firmware/devicetree/base/serial-number': '0423618052917\0' });
    expect(await readUnit(dt, NO_ENV)).toMatchObject({ id: '0423618052917', source: 'serial' });
    const x86 = await boardRoot({}, { 'sys/class/dmi/id/product_serial': 'PF2MXK7Q\n' });
    expect(await readUnit(x86, NO_ENV)).toMatchObject({ id: 'PF2MXK7Q', source: 'serial' });
  });

  it('falls back to the hashed machine id when the serial is a firmware placeholder or unreadable', async () => {
    const raw = 'b08dfa6083e7567a1921a715000001fb';
    const root = await boardRoot({}, { 'sys/class/dmi/id/product_serial': 'To Be Filled By O.E.M.\n', 'etc/machine-id': `${raw}\n` });
    const unit = await readUnit(root, NO_ENV);
    // Computed independently: SHA-256 of the fixed prefix and the id, first 16 hex digits.
    const expected = `machine-${createHash('sha256').update(`edgelab-unit-v1:${raw}`).digest('hex').slice(0, 16)}`;
    expect(unit).toEqual({ id: expected, source: 'machine-id', label: null });
    expect(JSON.stringify(unit)).not.toContain(raw);
  });

  it('takes EDGELAB_UNIT_ID and EDGELAB_UNIT_LABEL from the environment', async () => {
    const root = await boardRoot({}, { 'proc/device-tree/serial-number': '1422919145234\0' });
    expect(await readUnit(root, { EDGELAB_UNIT_LABEL: '  bench-left  ' })).toEqual({ id: '1422919145234', source: 'serial', label: 'bench-left' });
    expect(await readUnit(root, { EDGELAB_UNIT_ID: 'orin-nx-2', EDGELAB_UNIT_LABEL: '' })).toEqual({ id: 'orin-nx-2', source: 'env', label: null });
  });

  it('says nothing when no source names the unit', async () => {
    const root = await boardRoot({}, { 'etc/machine-id': '\n', 'proc/device-tree/serial-number': '\0' });
    expect(await readUnit(root, NO_ENV)).toBeNull();
  });

  it('rejects placeholder serials and malformed machine ids', () => {
    for (const placeholder of ['0000000000', 'Not Specified', 'Default string', 'System Serial Number', '', 'N/A']) expect(parseSerial(`${placeholder}\n`)).toBeNull();
    expect(machineUnitId('not-a-machine-id')).toBeNull();
    expect(machineUnitId('00000000000000000000000000000000')).toBeNull();
  });

  it('reads this machine from its real files, without changing its fingerprint', async () => {
    const info = await readHardware();
    const machineId = await readFile('/etc/machine-id', 'utf8').catch(() => null);
    if (info.unit?.source === 'machine-id' && machineId) expect(info.unit.id).toBe(machineUnitId(machineId));
    const { unit: _unit, ...withoutUnit } = info;
    expect(hardwareFingerprint(withoutUnit)).toBe(info.fingerprint);
  });

  it('reads the environment at each call, though the machine is read once per process', async () => {
    const before = { id: process.env.EDGELAB_UNIT_ID, label: process.env.EDGELAB_UNIT_LABEL };
    try {
      process.env.EDGELAB_UNIT_ID = 'orin-nx-7';
      process.env.EDGELAB_UNIT_LABEL = 'rack 2, slot 3';
      expect((await readHardware()).unit).toEqual({ id: 'orin-nx-7', source: 'env', label: 'rack 2, slot 3' });
    } finally {
      for (const [key, value] of [['EDGELAB_UNIT_ID', before.id], ['EDGELAB_UNIT_LABEL', before.label]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect((await readHardware()).unit?.source).not.toBe('env');
  });

  it('prints the unit in `edgelab hw`, label first, and leaves the row out for a machine read before units', async () => {
    const info = await readHardware();
    const labelled = { ...info, unit: { id: '1422919145234', source: 'serial' as const, label: 'bench-left' } };
    expect(hardwareRows(labelled)).toContainEqual(['Unit', 'bench-left (1422919145234, board serial)']);
    expect(hardwareRows({ ...labelled, unit: { id: 'machine-5e52378f03b0ea43', source: 'machine-id', label: null } })).toContainEqual(['Unit', 'machine-5e52378f03b0ea43, hashed machine id; label it with EDGELAB_UNIT_LABEL']);
    const { unit: _unit, ...older } = info;
    expect(hardwareRows(older).map(([name]) => name)).not.toContain('Unit');
  });
});

describe('hardwareKindKey', () => {
  const orin = (powerMode: string | null, unit: string) => ({
    cpu: { manufacturer: 'ARM', brand: 'Cortex-A78AE', cores: 8, physicalCores: 8, speedMinGHz: null, speedMaxGHz: null },
    memory: { totalBytes: 15388 * 1024 ** 2 },
    os: { platform: 'linux', distro: 'Ubuntu', release: '22.04', kernel: '5.15', arch: 'arm64' },
    gpus: [{ vendor: 'NVIDIA', model: 'Orin (nvgpu)', vramMiB: null }],
    jetson: { model: 'NVIDIA Orin NX Developer Kit', l4tRelease: '36.4.4', l4tBoard: 'generic', powerMode: powerMode ? { name: powerMode, id: 0 } : null },
    unit: { id: unit, source: 'serial', label: null },
  });

  it('is one kind for two boards in any power mode, while their fingerprints differ by mode', () => {
    const a = orin('MAXN', '1422919145234');
    const b = orin('15W', '1422919145999');
    expect(hardwareFingerprint(a)).not.toBe(hardwareFingerprint(b));
    expect(hardwareKindKey(a)).toBe(hardwareKindKey(b));
    expect(hardwareKindKey(a)).toBe('NVIDIA Orin NX Developer Kit · L4T 36.4.4 · ARM Cortex-A78AE · 8/8 cores · 16 GiB · linux arm64 · GPU Orin (nvgpu)');
    expect(hardwareKindLabel(a)).toBe('NVIDIA Orin NX Developer Kit · L4T 36.4.4 · 8 cores · 16 GiB · Linux arm64');
  });

  it('tells kinds apart by any identity field but the power mode', () => {
    const base = orin('MAXN', 'x');
    expect(hardwareKindKey({ ...base, jetson: { ...base.jetson, l4tRelease: '36.3.0' } })).not.toBe(hardwareKindKey(base));
    expect(hardwareKindKey({ ...base, memory: { totalBytes: 7600 * 1024 ** 2 } })).not.toBe(hardwareKindKey(base));
    expect(hardwareKindKey({ ...base, gpus: [] })).not.toBe(hardwareKindKey(base));
    expect(hardwareKindKey(null)).toBe('unknown hardware');
  });

  it('reads the unit of a stored record, and names it by label first', () => {
    expect(unitOf(orin('MAXN', '1422919145234'))).toEqual({ id: '1422919145234', source: 'serial', label: null });
    expect(unitOf({ unit: { id: 'x', source: 'guess' } })).toBeNull();
    expect(unitOf({})).toBeNull();
    expect(unitName({ id: 'x', source: 'env', label: 'bench-left' })).toBe('bench-left');
    expect(unitName(null)).toBe('unit not stated');
  });
});
