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
  const reader = new ExportProfileReader(file);
  if (!Array.isArray(data)) throw reader.notAProfile();
  for (const entry of data) reader.add(entry);
  return reader.result();
}

/** The profile's entries one at a time, as a streaming parser hands them over. */
export class ExportProfileReader {
  private iterations: number | null = null;
  private readonly layers: LayerTime[] = [];
  constructor(private readonly file: string) {}

  notAProfile(): LabError {
    return new LabError('input', `${this.file} is not a trtexec --exportProfile file: expected a JSON array starting with { "count": N }.`, 'Pass the file trtexec wrote with --exportProfile=FILE.');
  }

  add(entry: unknown): void {
    const r = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (this.iterations === null) {
      if (typeof r['count'] !== 'number') throw this.notAProfile();
      this.iterations = r['count'];
      return;
    }
    if (typeof r['name'] !== 'string' || typeof r['timeMs'] !== 'number' || typeof r['averageMs'] !== 'number') {
      throw new LabError('input', `${this.file}: layer ${this.layers.length + 1} has no name, timeMs or averageMs.`, 'Pass the file trtexec wrote with --exportProfile=FILE.');
    }
    this.layers.push({
      name: r['name'],
      timeMs: r['timeMs'],
      averageMs: r['averageMs'],
      medianMs: typeof r['medianMs'] === 'number' ? r['medianMs'] : null,
      percentage: typeof r['percentage'] === 'number' ? r['percentage'] : 0,
    });
  }

  result(): LayerProfile {
    if (this.iterations === null) throw this.notAProfile();
    if (this.layers.length === 0) throw new LabError('input', `${this.file} names no layers.`, 'Profile a built engine: trtexec --loadEngine=PLAN --exportProfile=FILE.');
    return { iterations: this.iterations, layers: this.layers };
  }
}
