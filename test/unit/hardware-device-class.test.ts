import { expect, it } from 'vitest';
import { classifyDevice, isEdgeClass, type DeviceSignals } from '../../core/hardware/device-class.js';

const pc: DeviceSignals = { isJetson: false, deviceTreeModel: null, platform: 'linux', arch: 'x64', chassisType: null, hasBattery: false, cpuBrand: 'Intel Core i7-12700' };

it('classifies Jetsons, ARM boards, laptops, desktops and servers from what the machine reports', () => {
  expect(classifyDevice({ ...pc, isJetson: true, arch: 'arm64', deviceTreeModel: 'NVIDIA Orin Nano Developer Kit' })).toBe('jetson');
  expect(classifyDevice({ ...pc, arch: 'arm64', deviceTreeModel: 'Raspberry Pi 5 Model B Rev 1.0' })).toBe('arm-board');
  // An ARM server boots with ACPI, not a device tree.
  expect(classifyDevice({ ...pc, arch: 'arm64', cpuBrand: 'ARM Neoverse-N1' })).toBe('server');
  expect(classifyDevice({ ...pc, chassisType: 'Notebook' })).toBe('laptop');
  expect(classifyDevice({ ...pc, hasBattery: true })).toBe('laptop');
  expect(classifyDevice({ ...pc, platform: 'darwin', arch: 'arm64', chassisType: 'Notebook', cpuBrand: 'Apple M2 Pro' })).toBe('laptop');
  expect(classifyDevice({ ...pc, chassisType: 'Tower', cpuBrand: 'Intel Xeon W-2245' })).toBe('desktop');
  expect(classifyDevice({ ...pc, chassisType: 'Rack Mount Chassis' })).toBe('server');
  expect(classifyDevice({ ...pc, cpuBrand: 'AMD EPYC 7763 64-Core Processor' })).toBe('server');
  expect(classifyDevice(pc)).toBe('unknown');
  expect(['jetson', 'arm-board'].every((c) => isEdgeClass(c as 'jetson'))).toBe(true);
  expect(isEdgeClass('laptop')).toBe(false);
});
