import type { TimelineLane, TimelineSpan } from '../api/inference-trace.js';

/** A layer of TensorRT's layer profile as the run record keeps it (extras.profile.layers). */
interface ProfiledLayerEntry {
  name: string;
  layerType?: string;
  device?: string;
  averageMs: number;
}

/**
 * TensorRT's layer profile (trtexec --exportProfile) as a timeline: the engine's layers in its
 * execution order, each its average device time over the profiled runs, one after another on the
 * device that ran it (the GPU, or a DLA core). There is no single inference in such a profile, only
 * the average one, and no host dispatch: what is drawn is device time.
 */
export function layerTimeline(layers: readonly ProfiledLayerEntry[]): { durationUs: number; spans: TimelineSpan[]; lanes: TimelineLane[] } {
  const lanes: TimelineLane[] = [];
  const laneOf = new Map<string, number>();
  let at = 0;
  const spans = layers.map((layer): TimelineSpan => {
    const device = layer.device ?? 'GPU';
    if (!laneOf.has(device)) {
      laneOf.set(device, lanes.length);
      lanes.push({ label: device, time: 'device' });
    }
    const durationUs = layer.averageMs * 1000;
    const span: TimelineSpan = { name: layer.name, opType: layer.layerType ?? 'layer', provider: device, startUs: at, durationUs, lane: laneOf.get(device) ?? 0, time: 'device' };
    at += durationUs;
    return span;
  });
  return { durationUs: at, spans, lanes };
}

/** The layers of a trtexec run's profile summary, or null when it has none. */
export function profiledLayers(profile: unknown): ProfiledLayerEntry[] | null {
  const layers = (profile as { layers?: unknown } | undefined)?.layers;
  if (!Array.isArray(layers)) return null;
  const valid = layers.filter((l): l is ProfiledLayerEntry => typeof l === 'object' && l !== null && typeof (l as ProfiledLayerEntry).name === 'string' && typeof (l as ProfiledLayerEntry).averageMs === 'number');
  return valid.length > 0 ? valid : null;
}
