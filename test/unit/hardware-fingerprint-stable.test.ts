import { expect, it } from 'vitest';
import { hardwareFingerprint } from '../../core/hardware/fingerprint.js';
import { HardwareInfoSchema } from '../../core/hardware/hardware-info.js';
import { readHardware } from '../../core/hardware/read-hardware.js';

it('gives this machine the same fingerprint on every read, cached or fresh', async () => {
  const first = await readHardware();
  expect(HardwareInfoSchema.parse(first)).toEqual(first);
  // The machine is read once per process; the unit (a few small files and the environment) at each call.
  expect(await readHardware()).toEqual(first);
  const fresh = await readHardware({ refresh: true });
  expect(fresh).not.toBe(first);
  expect(fresh.fingerprint).toBe(first.fingerprint);
  expect(fresh.label).toBe(first.label);
  expect(first.onnxruntime?.backends.map((b) => b.name)).toContain('cpu');
  expect(first.cpu.cores).toBeGreaterThan(0);
});

it('keeps the fingerprint when only clocks, OS version or vendor strings change, not the machine', async () => {
  const info = await readHardware();
  const same = {
    ...info,
    cpu: { ...info.cpu, speedMinGHz: 0.4, speedMaxGHz: 5.1 },
    // The kernel reserves a little more memory after an update: same machine.
    memory: { totalBytes: info.memory.totalBytes - Math.floor((info.memory.totalBytes % 1024 ** 3) / 2) },
    os: { ...info.os, release: 'another', kernel: '9.9.9' },
    gpus: [...info.gpus].reverse(),
  };
  expect(hardwareFingerprint(same)).toBe(info.fingerprint);
  expect(hardwareFingerprint({ ...info, cpu: { ...info.cpu, cores: info.cpu.cores + 2 } })).not.toBe(info.fingerprint);
  expect(hardwareFingerprint({ ...info, memory: { totalBytes: info.memory.totalBytes * 2 } })).not.toBe(info.fingerprint);
  expect(hardwareFingerprint({ ...info, gpus: [...info.gpus, { vendor: 'NVIDIA', model: 'NVIDIA GeForce RTX 4090', vramMiB: 24564 }] })).not.toBe(info.fingerprint);
});

it('tells Jetson power modes apart: a different mode is a different machine for comparison', async () => {
  const info = await readHardware();
  const jetson = { model: 'NVIDIA Jetson AGX Orin Developer Kit', l4tRelease: '36.4.4', l4tBoard: 'generic', powerMode: { name: 'MAXN', id: 0 } };
  const maxn = hardwareFingerprint({ ...info, jetson });
  const mode30w = hardwareFingerprint({ ...info, jetson: { ...jetson, powerMode: { name: 'MODE_30W', id: 2 } } });
  expect(maxn).not.toBe(mode30w);
  expect(hardwareFingerprint({ ...info, jetson: { ...jetson } })).toBe(maxn);
});
