import type { DeviceClass } from './hardware-info.js';

/** What the machine says about itself, gathered by readHardware; a plain object so the rules are testable. */
export interface DeviceSignals {
  isJetson: boolean;
  /** The device-tree model (ARM boards have one; PCs and ACPI ARM servers do not). */
  deviceTreeModel: string | null;
  platform: string;
  arch: string;
  chassisType: string | null;
  hasBattery: boolean;
  cpuBrand: string;
}

// SMBIOS chassis type names as systeminformation reports them (macOS models are mapped the same way).
const LAPTOP_CHASSIS = new Set(['Portable', 'Laptop', 'Notebook', 'Hand Held', 'Sub Notebook', 'Tablet', 'Convertible', 'Detachable']);
const DESKTOP_CHASSIS = new Set(['Desktop', 'Low Profile Desktop', 'Pizza Box', 'Mini Tower', 'Tower', 'All in One', 'Space-Saving', 'Lunch Box', 'Sealed-Case PC', 'Mini PC', 'Stick PC']);
const SERVER_CHASSIS = new Set(['Main System Chassis', 'Rack Mount Chassis', 'Multi-System Chassis', 'Blade', 'Blade Enclosure', 'Compact PCI', 'Advanced TCA']);
// Used only when the chassis says nothing, as in most cloud VMs and containers.
const SERVER_CPU = /\b(xeon|epyc|opteron|ampere|graviton|neoverse)\b/i;

export function classifyDevice(signals: DeviceSignals): DeviceClass {
  if (signals.isJetson) return 'jetson';
  const arm = signals.arch === 'arm' || signals.arch === 'arm64' || signals.arch === 'aarch64';
  if (signals.platform === 'linux' && arm && signals.deviceTreeModel !== null) return 'arm-board';
  const chassis = signals.chassisType?.trim() ?? '';
  if (LAPTOP_CHASSIS.has(chassis) || signals.hasBattery) return 'laptop';
  if (DESKTOP_CHASSIS.has(chassis)) return 'desktop';
  if (SERVER_CHASSIS.has(chassis)) return 'server';
  if (SERVER_CPU.test(signals.cpuBrand)) return 'server';
  return 'unknown';
}

export function isEdgeClass(deviceClass: DeviceClass): boolean {
  return deviceClass === 'jetson' || deviceClass === 'arm-board';
}
