import type { OrtTraceEvent } from './ort-trace.js';

/**
 * The device's own times in an ONNX Runtime trace. On an asynchronous provider a host-side `Node`
 * event measures the CPU enqueueing work (and whichever node happens to flush the command buffer
 * absorbs the wait), so it says little about which kernel is slow. The device's timestamps do:
 *
 * - WebGPU writes one `cat: "Api"` event per dispatch, from GPU timestamp queries, named
 *   `<node>&<op type>&<shader program>` (e.g. `/layer4/layer4.0/conv2/Conv_token_180&Conv&Conv2dMM`).
 * - CUDA (and ROCm) builds with GPU profiling write `cat: "Kernel"` events, one per kernel, named by
 *   the kernel; ONNX Runtime correlates each with the node that launched it and writes it after that
 *   node's event, with `args.parent_name`/`args.op_name` where it filled them in.
 */
export type DeviceTimeSource = 'webgpu-timestamps' | 'gpu-kernels';

export interface DeviceEvent {
  /** The graph node (as ONNX Runtime names it after optimisation) that dispatched the work. */
  node: string;
  opType: string | null;
  /** The shader program or kernel name. */
  program: string;
  /** WebGPU's `args.shapes`, e.g. `inputs[0] = {1,14,14,128} inputs[1] = {3,3,512,128} …`; null elsewhere. */
  shapes: string | null;
  ts: number;
  dur: number;
}

export interface DeviceEvents {
  source: DeviceTimeSource;
  events: DeviceEvent[];
}

const KERNEL_SUFFIX = '_kernel_time';

/** `<node>&<op>&<program>`; a node name may itself hold `&`, so the last two parts are split off. */
function webGpuEvent(e: OrtTraceEvent): DeviceEvent {
  const parts = e.name.split('&');
  const shapes = typeof e.args.shapes === 'string' ? e.args.shapes : null;
  if (parts.length < 3) return { node: e.name, opType: null, program: e.name, shapes, ts: e.ts, dur: e.dur };
  const program = parts.pop() as string;
  const opType = parts.pop() as string;
  return { node: parts.join('&'), opType, program, shapes, ts: e.ts, dur: e.dur };
}

/**
 * Kernel height × width of a WebGPU convolution from its dispatch, for traces read without the
 * model (the Node event omits pre-packed weights). ONNX Runtime's WebGPU Conv2dMM program takes the
 * weight as {kh, kw, in, out/components} (a 7×7 stem reads {7,7,3,16}). Null for other programs: a
 * Conv run as a MatMul program is usually 1×1, but not always (a kernel as large as its input is too).
 */
export function webGpuConvKernel(e: Pick<DeviceEvent, 'program' | 'shapes'>): [number, number] | null {
  if (e.program !== 'Conv2dMM' || e.shapes === null) return null;
  const w = /inputs\[1\] = \{(\d+),(\d+),\d+,\d+\}/.exec(e.shapes);
  return w ? [Number(w[1]), Number(w[2])] : null;
}

const stringArg = (e: OrtTraceEvent, key: string): string | null => {
  const v = e.args[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
};

/**
 * The device events of a trace, each mapped back to its node, or null when the trace has none (a CPU
 * run, or a GPU run whose build records no device times). Events are taken in file order, which for
 * kernel events is what ties an unlabelled kernel to the node event written just before it.
 */
export function readDeviceEvents(events: readonly OrtTraceEvent[]): DeviceEvents | null {
  const collector = new DeviceEventCollector();
  for (const e of events) collector.add(e);
  return collector.result();
}

/** readDeviceEvents an event at a time, for a trace read as a stream: only device events are kept. */
export class DeviceEventCollector {
  private readonly api: DeviceEvent[] = [];
  private readonly kernels: DeviceEvent[] = [];
  private parent: { name: string; opName: string | null } | null = null;

  add(e: OrtTraceEvent): void {
    if (e.cat === 'Api') this.api.push(webGpuEvent(e));
    if (e.cat === 'Node') this.parent = { name: e.name, opName: stringArg(e, 'op_name') };
    if (e.cat !== 'Kernel') return;
    const parent = this.parent;
    const named = stringArg(e, 'parent_name');
    const node = named ?? parent?.name ?? e.name;
    const opType = stringArg(e, 'op_name') ?? (named === null && parent ? parent.opName : null);
    this.kernels.push({ node: node.endsWith(KERNEL_SUFFIX) ? node.slice(0, -KERNEL_SUFFIX.length) : node, opType, program: e.name, shapes: null, ts: e.ts, dur: e.dur });
  }

  result(): DeviceEvents | null {
    if (this.api.length > 0) return { source: 'webgpu-timestamps', events: this.api };
    return this.kernels.length > 0 ? { source: 'gpu-kernels', events: this.kernels } : null;
  }
}

/**
 * Time the device was busy inside [start, end]: the union of the events' intervals clipped to the
 * window, so overlapping kernels on several streams are not counted twice.
 */
export function busyUsWithin(events: readonly DeviceEvent[], start: number, end: number): number {
  const spans = events
    .map((e) => [Math.max(start, e.ts), Math.min(end, e.ts + e.dur)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let busy = 0;
  let cursorEnd = -Infinity;
  for (const [a, b] of spans) {
    if (a >= cursorEnd) {
      busy += b - a;
      cursorEnd = b;
    } else if (b > cursorEnd) {
      busy += b - cursorEnd;
      cursorEnd = b;
    }
  }
  return busy;
}
