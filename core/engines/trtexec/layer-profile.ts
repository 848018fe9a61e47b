import { LabError } from '../../api/errors.js';
import { parseJsonText } from '../../inputs/json-text.js';

/**
 * trtexec `--exportProfile=FILE`: `[{ "count": N }, { "name", "timeMs", "averageMs", "medianMs"?,
 * "percentage" }, …]`. TensorRT before 8.4 writes no `medianMs`. `count` is the number of profiled
 * iterations; `percentage` is the layer's share of all layer time.
 */
export interface LayerTime {
  name: string;
  timeMs: number;
  averageMs: number;
  medianMs: number | null;
  percentage: number;
}

export interface LayerProfile {
  iterations: number;
  layers: LayerTime[];
}

export function parseExportProfile(text: string, file: string): LayerProfile {
  const data = parseJsonText(text, (problem) => new LabError('input', `${file} is not JSON (${problem}).`, 'Pass the file trtexec wrote with --exportProfile=FILE, as it wrote it.'));
  const head = Array.isArray(data) ? (data[0] as Record<string, unknown> | undefined) : undefined;
  if (!Array.isArray(data) || typeof head?.['count'] !== 'number') {
    throw new LabError('input', `${file} is not a trtexec --exportProfile file: expected a JSON array starting with { "count": N }.`, 'Pass the file trtexec wrote with --exportProfile=FILE.');
  }
  const layers = data.slice(1).map((entry: unknown, i): LayerTime => {
    const r = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof r['name'] !== 'string' || typeof r['timeMs'] !== 'number' || typeof r['averageMs'] !== 'number') {
      throw new LabError('input', `${file}: layer ${i + 1} has no name, timeMs or averageMs.`, 'Pass the file trtexec wrote with --exportProfile=FILE.');
    }
    return {
      name: r['name'],
      timeMs: r['timeMs'],
      averageMs: r['averageMs'],
      medianMs: typeof r['medianMs'] === 'number' ? r['medianMs'] : null,
      percentage: typeof r['percentage'] === 'number' ? r['percentage'] : 0,
    };
  });
  if (layers.length === 0) throw new LabError('input', `${file} names no layers.`, 'Profile a built engine: trtexec --loadEngine=PLAN --exportProfile=FILE.');
  return { iterations: head['count'] as number, layers };
}
