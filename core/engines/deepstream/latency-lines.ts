import { LogHistogram } from '../../stats/log-histogram.js';

/**
 * The lines DeepStream prints with NVDS_ENABLE_LATENCY_MEASUREMENT=1 and
 * NVDS_ENABLE_COMPONENT_LATENCY_MEASUREMENT=1 (gstnvdsmeta_latency_measurement.c and
 * deepstream_app.c in NVIDIA/DeepStream; the formats are in test/fixtures/deepstream/FIELD_DEFINITIONS.md):
 *   ************BATCH-NUM = 8**************
 *   Comp name = <element> in_system_timestamp = <ms> out_system_timestamp = <ms>   component latency= <ms>
 *   Comp name = nvstreammux-<name> source_id = 0 pad_index = 0 frame_num = 8   in_system_timestamp = … component_latency = <ms>
 *   Source id = 0 Frame_num = 8 Frame latency = <ms> (ms)
 * Timestamps are gettimeofday() in ms since the epoch. "Frame latency" is the sink's time minus the
 * input time of the component whose name starts with `nvv4l2decode`; when no component is named so,
 * DeepStream subtracts nothing and prints the sink's epoch time as if it were a latency.
 */
export const BATCH_LINE = /^\*+BATCH-NUM = (\d+)\*+$/;
export const COMPONENT_LINE = /^Comp name = (\S+)(.*?)\bin_system_timestamp = (\d+(?:\.\d+)?) out_system_timestamp = (\d+(?:\.\d+)?)\s+component[ _]latency\s*=\s*(\d+(?:\.\d+)?)\s*$/;
// deepstream-app's own form, and the `Src id=0 Frame_no=8` form a custom probe printed in the forum fixture.
export const FRAME_LINE = /^(?:Source id|Src id)\s*=\s*(\d+)\s+Frame_(?:num|no)\s*=\s*(\d+)\s+Frame latency\s*=\s*(\d+(?:\.\d+)?)\s*\(ms\)\s*$/;

const NUMBER = /^\d+(?:\.\d+)?$/;

/** The number after `key` up to the next space (or the end), or NaN. */
function numberAfter(line: string, key: string, from = 0): number {
  const at = line.indexOf(key, from);
  if (at === -1) return NaN;
  const start = at + key.length;
  const end = line.indexOf(' ', start);
  const text = line.slice(start, end === -1 ? line.length : end);
  return NUMBER.test(text) ? Number(text) : NaN;
}

/**
 * A `Comp name = …` line read with indexOf rather than COMPONENT_LINE: these are most of the lines of
 * a latency log, and the regex's backtracking costs a third of the import. Null when a field is missing.
 */
export function parseComponentLine(line: string): { name: string; inMs: number; outMs: number; latencyMs: number } | null {
  if (!line.startsWith('Comp name = ')) return null;
  const nameEnd = line.indexOf(' ', 12);
  if (nameEnd === -1) return null;
  const inMs = numberAfter(line, 'in_system_timestamp = ', nameEnd);
  const outMs = numberAfter(line, 'out_system_timestamp = ', nameEnd);
  const latencyAt = line.lastIndexOf('latency');
  const eq = line.indexOf('=', latencyAt);
  const latencyMs = latencyAt === -1 || eq === -1 ? NaN : NUMBER.test(line.slice(eq + 1).trim()) ? Number(line.slice(eq + 1).trim()) : NaN;
  if (Number.isNaN(inMs) || Number.isNaN(outMs) || Number.isNaN(latencyMs)) return null;
  return { name: line.slice(12, nameEnd), inMs, outMs, latencyMs };
}

/** A "Frame latency" above this (1973-03-03 in epoch ms) can only be a timestamp, not a latency. */
export const EPOCH_MS_FLOOR = 1e11;

export type ComponentRole = 'decoder' | 'streammux' | 'nvinfer' | 'tracker' | 'osd' | 'sink' | 'other';

/** The element names deepstream-app gives, and the plugin names people keep. */
export function componentRole(name: string): ComponentRole {
  if (/decode|nvv4l2dec/i.test(name)) return 'decoder';
  if (/streammux/i.test(name)) return 'streammux';
  if (/gie|nvinfer|inference/i.test(name)) return 'nvinfer';
  if (/tracker/i.test(name)) return 'tracker';
  if (/osd|onscreendisplay/i.test(name)) return 'osd';
  if (/sink/i.test(name)) return 'sink';
  return 'other';
}

export interface ComponentLatency {
  name: string;
  role: ComponentRole;
  frames: number;
  meanMs: number;
  /** Of the mean frame latency; null when the log gives no frame latency to divide by. */
  share: number | null;
}

export interface FrameLatencySummary {
  /** 'measured': DeepStream's own ms; 'from-timestamps': its epoch value minus the batch's first component input. */
  basis: 'measured' | 'from-timestamps';
  frames: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Bucket width of the percentiles, as a fraction of the value. */
  percentileRelativeError: number;
}

export interface LatencySummary {
  batches: number;
  frameLines: number;
  /** Frame lines whose value was an epoch timestamp: DeepStream found no `nvv4l2decode*` component. */
  epochFrameLines: number;
  /** The first component seen, which such a log has instead of a decoder DeepStream recognises. */
  firstComponent: string | null;
  frameLatency: FrameLatencySummary | null;
  components: ComponentLatency[];
  /** Frame latency not spent inside any listed component: queues and waits between them. */
  betweenComponentsMs: number | null;
}

export class LatencyAccumulator {
  private readonly components = new Map<string, { sum: number; n: number }>();
  private readonly measured = new LogHistogram();
  private readonly derived = new LogHistogram();
  batches = 0;
  frameLines = 0;
  epochFrameLines = 0;
  private firstComponent: string | null = null;
  private batchFirstInMs: number | null = null;

  batch(): void {
    this.batches += 1;
    this.batchFirstInMs = null;
  }

  component(name: string, inMs: number, latencyMs: number): void {
    if (this.firstComponent === null) this.firstComponent = name;
    const c = this.components.get(name) ?? { sum: 0, n: 0 };
    c.sum += latencyMs;
    c.n += 1;
    this.components.set(name, c);
    if (this.batchFirstInMs === null || inMs < this.batchFirstInMs) this.batchFirstInMs = inMs;
  }

  frame(value: number): void {
    this.frameLines += 1;
    if (value < EPOCH_MS_FLOOR) {
      this.measured.add(value);
      return;
    }
    this.epochFrameLines += 1;
    if (this.batchFirstInMs !== null && value >= this.batchFirstInMs) this.derived.add(value - this.batchFirstInMs);
  }

  result(): LatencySummary {
    const h = this.measured.count > 0 ? this.measured : this.derived.count > 0 ? this.derived : null;
    const frameLatency: FrameLatencySummary | null = h === null ? null : {
      basis: h === this.measured ? 'measured' : 'from-timestamps',
      frames: h.count,
      meanMs: h.sum / h.count,
      minMs: h.min,
      maxMs: h.max,
      p50Ms: h.quantile(0.5),
      p90Ms: h.quantile(0.9),
      p99Ms: h.quantile(0.99),
      percentileRelativeError: h.relativeError,
    };
    const components = [...this.components].map(([name, c]) => {
      const meanMs = c.sum / c.n;
      return { name, role: componentRole(name), frames: c.n, meanMs, share: frameLatency && frameLatency.meanMs > 0 ? meanMs / frameLatency.meanMs : null };
    });
    const inside = components.reduce((sum, c) => sum + c.meanMs, 0);
    return {
      batches: this.batches,
      frameLines: this.frameLines,
      epochFrameLines: this.epochFrameLines,
      firstComponent: this.firstComponent,
      frameLatency,
      components,
      betweenComponentsMs: frameLatency && components.length > 0 ? Math.max(0, frameLatency.meanMs - inside) : null,
    };
  }
}
