import { expect, it } from 'vitest';
import { formatHardware } from '../../core/present/format-hardware.js';
import { hardwareFingerprint } from '../../core/hardware/fingerprint.js';
import { hardwareLabel } from '../../core/hardware/hardware-names.js';
import type { HardwareInfo } from '../../core/hardware/hardware-info.js';

const identity = {
  cpu: { manufacturer: 'ARM', brand: 'Cortex-A78AE', cores: 12, physicalCores: 12, speedMinGHz: 0.12, speedMaxGHz: 2.2 },
  memory: { totalBytes: 30697 * 1024 * 1024 },
  os: { platform: 'linux', distro: 'Ubuntu', release: '22.04.5 LTS', kernel: '5.15.148-tegra', arch: 'arm64' },
  gpus: [],
  jetson: { model: 'NVIDIA Jetson AGX Orin Developer Kit', l4tRelease: '36.4.4', l4tBoard: 'generic', powerMode: { name: 'MODE_30W', id: 2 } },
};
const orin: HardwareInfo = {
  ...identity,
  fingerprint: hardwareFingerprint(identity),
  label: hardwareLabel(identity),
  deviceClass: 'jetson',
  edgeClass: true,
  system: { manufacturer: '', model: '', chassisType: null, hasBattery: false, virtual: false },
  onnxruntime: { version: '1.30.0', backends: [{ name: 'cpu', bundled: true }, { name: 'cuda', bundled: false }, { name: 'tensorrt', bundled: false }] },
};

it('prints the machine for `edgelab hw` with the Jetson model, L4T release and power mode', () => {
  expect(orin.label).toBe('NVIDIA Jetson AGX Orin Developer Kit · L4T 36.4.4 · MODE_30W · 12 cores · 30 GiB · Linux arm64');
  expect(formatHardware(orin)).toBe(
    [
      'Machine       NVIDIA Jetson AGX Orin Developer Kit · L4T 36.4.4 · MODE_30W · 12 cores · 30 GiB · Linux arm64',
      'Class         jetson (edge)',
      `Fingerprint   ${orin.fingerprint.slice(0, 16)}`,
      'CPU           ARM Cortex-A78AE, 12 logical / 12 physical cores, 0.12–2.20 GHz',
      'Memory        30.0 GiB',
      'OS            Ubuntu 22.04.5 LTS (Linux 5.15.148-tegra, arm64)',
      'GPU           none found',
      'Jetson        NVIDIA Jetson AGX Orin Developer Kit',
      'L4T           36.4.4',
      'Power mode    MODE_30W (mode 2)',
      'ONNX Runtime  1.30.0',
      'Backends      cpu; needs its own install: cuda, tensorrt',
    ].join('\n'),
  );
});
