import si from 'systeminformation';
import { classifyDevice, isEdgeClass } from './device-class.js';
import { hardwareFingerprint } from './fingerprint.js';
import { hardwareLabel } from './hardware-names.js';
import { HardwareInfoSchema, type HardwareInfo } from './hardware-info.js';
import { readDeviceTreeModel, readJetson } from './jetson.js';
import { readUnit } from './unit.js';

let cached: Promise<HardwareInfo> | undefined;
let cachedWithoutOrt: Promise<HardwareInfo> | undefined;

/**
 * What machine this is. Read once per process: the answer does not change while the process runs,
 * and every run record asks for it.
 *
 * Only the cheap systeminformation calls are made, all at once: cpu, mem, osInfo, system, chassis,
 * battery and graphics (tens of milliseconds on Linux; graphics runs lspci/nvidia-smi there and
 * system_profiler on macOS, the slowest of them). Left out because they are slow or say nothing about
 * identity: cpuCurrentSpeed, currentLoad, cpuTemperature, diskLayout, blockDevices, networkInterfaces,
 * uuid, and systeminformation's serial numbers. The unit (core/hardware/unit.ts) is read at each
 * call, a few small files, so a label or unit id set in the environment after the first read counts.
 */
export function readHardware(options: { refresh?: boolean; onnxruntime?: boolean } = {}): Promise<HardwareInfo> {
  // A trtexec run asks without ONNX Runtime: loading its native library to describe it would make
  // the TensorRT path fail where ONNX Runtime cannot load.
  const withOrt = options.onnxruntime ?? true;
  const current = withOrt ? cached : cachedWithoutOrt;
  if (current && !options.refresh) return withUnit(current);
  const reading = readHardwareUncached(withOrt);
  if (withOrt) cached = reading;
  else cachedWithoutOrt = reading;
  // A failed read is not remembered, so a later call can try again.
  reading.catch(() => {
    if (cached === reading) cached = undefined;
    if (cachedWithoutOrt === reading) cachedWithoutOrt = undefined;
  });
  return withUnit(reading);
}

async function withUnit(reading: Promise<HardwareInfo>): Promise<HardwareInfo> {
  const [info, unit] = await Promise.all([reading, process.platform === 'win32' ? null : readUnit().catch(() => null)]);
  return unit ? { ...info, unit } : info;
}

async function onnxRuntimeInfo(): Promise<HardwareInfo['onnxruntime']> {
  const { ort } = await import('../runtime/ort.js');
  return { version: ort.env.versions.node ?? ort.env.versions.common, backends: ort.listSupportedBackends().map(({ name, bundled }) => ({ name, bundled })) };
}

async function readHardwareUncached(withOrt: boolean): Promise<HardwareInfo> {
  const linux = process.platform === 'linux';
  const [cpu, mem, os, system, chassis, battery, graphics, deviceTreeModel, jetson] = await Promise.all([
    si.cpu(),
    si.mem(),
    si.osInfo(),
    si.system(),
    si.chassis(),
    si.battery(),
    si.graphics(),
    linux ? readDeviceTreeModel() : Promise.resolve(null),
    linux ? readJetson() : Promise.resolve(null),
  ]);

  const identity = {
    cpu: {
      manufacturer: cpu.manufacturer,
      brand: cpu.brand,
      cores: cpu.cores,
      physicalCores: cpu.physicalCores,
      speedMinGHz: positiveOrNull(cpu.speedMin),
      speedMaxGHz: positiveOrNull(cpu.speedMax),
    },
    memory: { totalBytes: mem.total },
    os: { platform: process.platform, distro: os.distro, release: os.release, kernel: os.kernel, arch: os.arch },
    gpus: graphics.controllers.map((gpu) => ({ vendor: gpu.vendor, model: gpu.model, vramMiB: positiveOrNull(gpu.vram) })),
    jetson,
  };
  const chassisType = chassis.type.trim() || null;
  const deviceClass = classifyDevice({
    isJetson: jetson !== null,
    deviceTreeModel,
    platform: process.platform,
    arch: os.arch,
    chassisType,
    hasBattery: battery.hasBattery,
    cpuBrand: `${cpu.manufacturer} ${cpu.brand}`,
  });

  return HardwareInfoSchema.parse({
    fingerprint: hardwareFingerprint(identity),
    label: hardwareLabel(identity),
    deviceClass,
    edgeClass: isEdgeClass(deviceClass),
    ...identity,
    system: { manufacturer: system.manufacturer, model: system.model, chassisType, hasBattery: battery.hasBattery, virtual: system.virtual ?? false },
    onnxruntime: withOrt ? await onnxRuntimeInfo() : null,
  });
}

function positiveOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
