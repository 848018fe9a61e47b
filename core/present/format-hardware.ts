import { cpuName, osName } from '../hardware/hardware-names.js';
import type { HardwareInfo } from '../hardware/hardware-info.js';

/** The `edgelab hw` view: one labelled line per fact, the fingerprint shortened as git shortens hashes. */
export function formatHardware(info: HardwareInfo): string {
  const rows = hardwareRows(info);
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}

/** The facts `edgelab hw` prints, as label/value pairs: the app's Hardware screen shows the same. */
export function hardwareRows(info: HardwareInfo): Array<[string, string]> {
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  const rows: Array<[string, string]> = [
    ['Machine', info.label],
    ['Class', `${info.deviceClass}${info.edgeClass ? ' (edge)' : ''}${info.system.virtual ? ', virtual machine' : ''}`],
    ['Fingerprint', info.fingerprint.slice(0, 16)],
    ['CPU', `${cpuName(info.cpu)}, ${info.cpu.cores} logical / ${info.cpu.physicalCores} physical cores${clockRange(info.cpu.speedMinGHz, info.cpu.speedMaxGHz)}`],
    ['Memory', gib(info.memory.totalBytes)],
    ['OS', `${info.os.distro || osName(info.os.platform)} ${info.os.release} (${osName(info.os.platform)} ${info.os.kernel}, ${info.os.arch})`.replace(/\s+/g, ' ')],
  ];
  // A machine read before units existed (a recorded `hw --json`) has none to show.
  if (info.unit) rows.splice(3, 0, ['Unit', unitLine(info.unit)]);
  const system = [info.system.manufacturer, info.system.model].filter((s) => s.trim()).join(' ');
  if (system) rows.push(['System', `${system}${info.system.chassisType ? ` (${info.system.chassisType})` : ''}`]);
  rows.push(['GPU', info.gpus.length === 0 ? 'none found' : info.gpus.map((g) => (g.vramMiB ? `${g.model} (${g.vramMiB} MiB)` : g.model)).join('; ')]);
  if (info.jetson) {
    const mode = info.jetson.powerMode ? `${info.jetson.powerMode.name}${info.jetson.powerMode.id === null ? '' : ` (mode ${info.jetson.powerMode.id})`}` : 'unknown (nvpmodel not available)';
    rows.push(['Jetson', info.jetson.model ?? 'NVIDIA Jetson']);
    rows.push(['L4T', info.jetson.l4tRelease ?? 'unknown (no /etc/nv_tegra_release)']);
    rows.push(['Power mode', mode]);
    const clocks = info.jetson.clocks;
    if (clocks) rows.push(['Clocks', clocks.locked === null ? `unknown: ${clocks.detail}` : `${clocks.locked ? 'locked' : 'not locked'} (${clocks.detail})`]);
    const fan = info.jetson.fan;
    if (fan) rows.push(['Fan', `${fan.pwm === null ? 'PWM unknown' : `PWM ${fan.pwm}/255`}${fan.control ? `, control ${fan.control}` : ''} (${fan.source})`]);
  }
  if (!info.onnxruntime) {
    rows.push(['ONNX Runtime', 'not read (the run did not use it)']);
    return rows;
  }
  const bundled = info.onnxruntime.backends.filter((b) => b.bundled).map((b) => b.name);
  const separate = info.onnxruntime.backends.filter((b) => !b.bundled).map((b) => b.name);
  rows.push(['ONNX Runtime', info.onnxruntime.version]);
  rows.push(['Backends', `${bundled.join(', ') || 'none'}${separate.length ? `; needs its own install: ${separate.join(', ')}` : ''}`]);
  return rows;
}

const UNIT_SOURCE_WORDS = { serial: 'board serial', 'machine-id': 'hashed machine id', env: 'EDGELAB_UNIT_ID' } as const;

/** "bench-left (1422919145234, board serial)": the label first, then the id and where it came from. */
function unitLine(unit: NonNullable<HardwareInfo['unit']>): string {
  const id = `${unit.id}, ${UNIT_SOURCE_WORDS[unit.source]}`;
  return unit.label ? `${unit.label} (${id})` : `${id}; label it with EDGELAB_UNIT_LABEL`;
}

function clockRange(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `, ${min.toFixed(2)}–${max.toFixed(2)} GHz`;
  if (max !== null) return `, up to ${max.toFixed(2)} GHz`;
  return '';
}
