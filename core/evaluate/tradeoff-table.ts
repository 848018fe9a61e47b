import type { CompletedRun, RunRecord } from '../api/run-record.js';

/** One model variant on one provider: latency from its bench run, accuracy from its accuracy run. */
export interface TradeoffRow {
  variant: string;
  modelSha256: string;
  executionProvider: string;
  top1: number | null;
  top5: number | null;
  p50Ms: number;
  p99Ms: number;
  throughputPerS: number;
  modelSizeBytes: number;
  peakRssBytes: number | null;
  /** No other row is at least as good on every objective and better on one. */
  pareto: boolean;
  /** Ids of the runs the row was made from. */
  runIds: string[];
}

/**
 * Objectives of the Pareto front: accuracy up, p99 down, throughput up, model size down, peak
 * memory down. An objective some row lacks (no accuracy run, no memory figure) is left out rather
 * than guessed, so the marks only say what the evidence shows.
 */
const objectives: Array<{ key: 'top1' | 'p99Ms' | 'throughputPerS' | 'modelSizeBytes' | 'peakRssBytes'; better: 'higher' | 'lower' }> = [
  { key: 'top1', better: 'higher' },
  { key: 'p99Ms', better: 'lower' },
  { key: 'throughputPerS', better: 'higher' },
  { key: 'modelSizeBytes', better: 'lower' },
  { key: 'peakRssBytes', better: 'lower' },
];

const resultTags = new Set(['accuracy', 'eval', 'parity']);

/**
 * Groups completed runs by model file (SHA-256) and provider; each group is a row. Latency comes
 * from the group's latest run that is a benchmark (not an accuracy, eval or parity run, unless
 * there is no other), accuracy from its latest run with `extras.accuracy`. A `baselineId` the
 * reader chose is its group's latency run whatever its age: a comparison against a baseline must
 * not quietly put a newer run of the same model in its place.
 */
export function tradeoffTable(records: readonly RunRecord[], options: { baselineId?: string } = {}): TradeoffRow[] {
  const groups = new Map<string, CompletedRun[]>();
  for (const r of records) {
    if (r.state !== 'completed' || !r.model) continue;
    const key = `${r.model.sha256}\u0000${r.executionProvider}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows: Array<Omit<TradeoffRow, 'pareto'>> = [];
  for (const runs of groups.values()) {
    const byTime = [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const latency = byTime.find((r) => r.id === options.baselineId)
      ?? byTime.filter((r) => !r.spec.tags.some((t) => resultTags.has(t))).at(-1)
      ?? (byTime.at(-1) as CompletedRun);
    const accuracyRun = byTime.filter((r) => accuracyOf(r) !== null).at(-1);
    const accuracy = accuracyRun ? accuracyOf(accuracyRun) : null;
    const memory = latency.extras.memory as { peakRssBytes?: unknown } | undefined;
    rows.push({
      variant: latency.spec.label ?? latency.model?.fileName ?? latency.spec.model,
      modelSha256: latency.model?.sha256 ?? '',
      executionProvider: latency.executionProvider,
      top1: accuracy?.top1 ?? null,
      top5: accuracy?.top5 ?? null,
      p50Ms: latency.latencyMs.p50,
      p99Ms: latency.latencyMs.p99,
      throughputPerS: latency.throughputPerS,
      modelSizeBytes: latency.model?.sizeBytes ?? 0,
      peakRssBytes: typeof memory?.peakRssBytes === 'number' ? memory.peakRssBytes : null,
      runIds: [...new Set([latency.id, ...(accuracyRun ? [accuracyRun.id] : [])])],
    });
  }
  const used = objectives.filter((o) => rows.every((r) => r[o.key] !== null));
  const atLeast = (a: Omit<TradeoffRow, 'pareto'>, b: Omit<TradeoffRow, 'pareto'>, o: (typeof objectives)[number]) =>
    o.better === 'higher' ? (a[o.key] as number) >= (b[o.key] as number) : (a[o.key] as number) <= (b[o.key] as number);
  const dominates = (a: Omit<TradeoffRow, 'pareto'>, b: Omit<TradeoffRow, 'pareto'>) =>
    used.every((o) => atLeast(a, b, o)) && used.some((o) => !atLeast(b, a, o));
  return rows.map((r) => ({ ...r, pareto: !rows.some((other) => other !== r && dominates(other, r)) }));
}

function accuracyOf(r: CompletedRun): { top1: number; top5: number } | null {
  const a = r.extras.accuracy as { top1?: unknown; top5?: unknown } | undefined;
  return typeof a?.top1 === 'number' && typeof a.top5 === 'number' ? { top1: a.top1, top5: a.top5 } : null;
}
