import { z } from 'zod';
import { maxQpsAnswer } from '../max-qps-answer.js';
import { countOf, formatCount, formatDecimal, formatMs, formatPercent, formatPerSecond } from '../format-values.js';
import { tableBlock, textBlock, type ReportSection } from './report-section.js';
import { column } from '../table.js';

/**
 * Figures the bench scenarios add beside the latency: repeated trials (`extras.trials`), the server
 * scenario (`extras.server`, `extras.maxQps`), the throughput scenario (`extras.throughput`) and
 * per-sample latency of a batched input (`extras.perSample`), in the shapes core/bench writes.
 */
const TrialsView = z.object({
  count: z.number(),
  trials: z.array(z.object({ index: z.number(), iterations: z.number(), medianMs: z.number(), coefficientOfVariation: z.number(), throughputPerS: z.number() })),
  betweenTrialCv: z.number(),
  withinTrialCv: z.number(),
  medianOfTrialsMs: z.object({ mean: z.number(), low: z.number(), high: z.number(), confidence: z.number(), exact: z.boolean() }),
});

export function trialsSection(value: unknown): ReportSection | null {
  const parsed = TrialsView.safeParse(value);
  if (!parsed.success) return null;
  const t = parsed.data;
  const ci = t.medianOfTrialsMs;
  const interval = ci.exact ? `${Math.round(ci.confidence * 100)} % CI ${formatMs(ci.low)} to ${formatMs(ci.high)} ms` : 'no interval from fewer than 2 trials';
  return {
    key: 'trials',
    title: 'Trials',
    blocks: [
      textBlock(
        `${t.count} trials: median ${formatMs(ci.mean)} ms on average (${interval}). Variation between trials' medians ${formatPercent(t.betweenTrialCv)}, within a trial ${formatPercent(t.withinTrialCv)}` +
          (t.betweenTrialCv > t.withinTrialCv ? ': something shifts between trials (clocks, caches, other load), so one trial\'s interval understates the uncertainty.' : '.'),
      ),
      tableBlock({
        columns: [column('Trial', 'right'), column('Iterations', 'right'), column('Median (ms)', 'right'), column('CV', 'right'), column('Throughput', 'right')],
        rows: t.trials.map((trial) => [String(trial.index + 1), formatCount(trial.iterations), formatMs(trial.medianMs), formatPercent(trial.coefficientOfVariation), formatPerSecond(trial.throughputPerS)]),
      }),
    ],
  };
}

const ServerView = z.object({
  sessions: z.number(),
  targetQps: z.number(),
  achievedQps: z.number(),
  scheduledQueries: z.number(),
  completedQueries: z.number(),
  issueLagMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }),
  latencyFrom: z.string(),
  foundBy: z.string().optional(),
  bound: z.string().optional(),
});

export function serverSection(value: unknown): ReportSection | null {
  const parsed = ServerView.safeParse(value);
  if (!parsed.success) return null;
  const s = parsed.data;
  const rows = [
    ['Target rate', `${formatDecimal(s.targetQps)} QPS${s.foundBy ? ` (${s.foundBy}${s.bound ? ` for ${s.bound}` : ''})` : ''}`],
    ['Achieved rate', `${formatDecimal(s.achievedQps)} QPS`],
    ['Queries', `${formatCount(s.completedQueries)} of ${formatCount(s.scheduledQueries)} scheduled completed`],
    ['Sessions', String(s.sessions)],
    ['Issue lag', `p50 ${formatMs(s.issueLagMs.p50)} ms, p99 ${formatMs(s.issueLagMs.p99)} ms, max ${formatMs(s.issueLagMs.max)} ms`],
    ['Latency counted from', s.latencyFrom],
  ];
  return {
    key: 'server',
    title: 'Server scenario',
    blocks: [tableBlock({ columns: [column('Figure'), column('Value')], rows }, undefined, 'Queries arrive on a seeded Poisson schedule, as MLPerf LoadGen\'s Server scenario; latency includes any wait behind earlier queries.')],
  };
}

const MaxQpsView = z.object({
  bound: z.string(),
  maxQps: z.number().nullable(),
  failedQps: z.number().nullable(),
  trials: z.array(z.object({ qps: z.number(), queries: z.number(), observedMs: z.number().nullable(), passed: z.boolean(), stoppedEarly: z.boolean() })),
  method: z.string(),
  // Records from before confirmation runs have neither field; their answer is the search's own.
  searchQps: z.number().nullable().optional(),
  confirmations: z
    .array(z.object({ qps: z.number(), queries: z.number(), observedMs: z.number().nullable(), intervalLowMs: z.number().nullable(), intervalHighMs: z.number().nullable(), status: z.enum(['pass', 'fail', 'inconclusive']) }))
    .optional(),
  noRate: z.object({ message: z.string(), hint: z.string() }).optional(),
});

export function maxQpsSection(value: unknown): ReportSection | null {
  const parsed = MaxQpsView.safeParse(value);
  if (!parsed.success) return null;
  const m = parsed.data;
  const answer = maxQpsAnswer(m, { rate: formatDecimal, ms: formatMs, count: formatCount });
  const confirmations = m.confirmations ?? [];
  const confirmationTable = confirmations.length === 0
    ? []
    : [
        tableBlock(
          {
            columns: [column('QPS', 'right'), column('Queries', 'right'), column('Observed (ms)', 'right'), column('95 % interval (ms)', 'right'), column('Full-length run')],
            rows: confirmations.map((c) => [
              formatDecimal(c.qps),
              formatCount(c.queries),
              c.observedMs === null ? '–' : formatMs(c.observedMs),
              c.intervalLowMs === null || c.intervalHighMs === null ? 'too few queries' : `${formatMs(c.intervalLowMs)}–${formatMs(c.intervalHighMs)}`,
              c.status,
            ]),
          },
          'Confirmation',
        ),
      ];
  return {
    key: 'maxQps',
    title: 'Max-QPS search',
    blocks: [
      textBlock(answer),
      tableBlock(
        {
          columns: [column('QPS', 'right'), column('Queries', 'right'), column('Observed (ms)', 'right'), column('Result')],
          rows: m.trials.map((t) => [formatDecimal(t.qps), formatCount(t.queries), t.observedMs === null ? '–' : formatMs(t.observedMs), `${t.passed ? 'pass' : 'fail'}${t.stoppedEarly ? ' (stopped early)' : ''}`]),
        },
        confirmations.length > 0 ? 'Search trials' : undefined,
        m.method,
      ),
      ...confirmationTable,
    ],
  };
}

const ThroughputView = z.object({ concurrency: z.number(), sessions: z.number() });

export function throughputSection(value: unknown): ReportSection | null {
  const parsed = ThroughputView.safeParse(value);
  if (!parsed.success) return null;
  const t = parsed.data;
  return {
    key: 'throughput',
    title: 'Throughput scenario',
    blocks: [textBlock(`${countOf(t.concurrency, 'inference')} in flight over ${t.sessions} session${t.sessions === 1 ? '' : 's'}; latency is per inference under that load, throughput over the whole run (MLPerf Offline's samples/s).`)],
  };
}

const PerSampleView = z.object({ batchDim: z.string(), batchSize: z.number(), p50Ms: z.number(), p99Ms: z.number(), meanMs: z.number() });

export function perSampleSection(value: unknown): ReportSection | null {
  const parsed = PerSampleView.safeParse(value);
  if (!parsed.success) return null;
  const p = parsed.data;
  return {
    key: 'perSample',
    title: 'Per sample',
    blocks: [
      tableBlock(
        { columns: [column('Per sample (ms)'), column('mean', 'right'), column('p50', 'right'), column('p99', 'right')], rows: [[`batch ${p.batchDim}=${p.batchSize}`, formatMs(p.meanMs), formatMs(p.p50Ms), formatMs(p.p99Ms)]] },
        undefined,
        'Each inference\'s latency divided by the batch size: the cost of one sample, not how long one waits.',
      ),
    ],
  };
}

const SweepView = z.object({
  sweepId: z.string(),
  axes: z.object({ batch: z.array(z.number()).optional(), threads: z.array(z.number()).optional(), executionProviders: z.array(z.string()).optional(), batchDim: z.string().optional() }),
  index: z.number(),
  count: z.number(),
  point: z.object({ batch: z.number().optional(), threads: z.number().optional(), executionProvider: z.string().optional() }),
});

/** One point of a sweep: where it sits, so a reader can find its siblings (`edgelab runs --tag sweep:<id>`). */
export function sweepSection(value: unknown): ReportSection | null {
  const parsed = SweepView.safeParse(value);
  if (!parsed.success) return null;
  const s = parsed.data;
  const point = [
    s.point.batch !== undefined ? `${s.axes.batchDim ?? 'batch'}=${s.point.batch}` : '',
    s.point.threads !== undefined ? `threads=${s.point.threads}` : '',
    s.point.executionProvider !== undefined ? `ep=${s.point.executionProvider}` : '',
  ].filter(Boolean).join(', ');
  const axes = [
    s.axes.batch ? `${s.axes.batchDim ?? 'batch'} ${s.axes.batch.join(', ')}` : '',
    s.axes.threads ? `threads ${s.axes.threads.join(', ')}` : '',
    s.axes.executionProviders ? `ep ${s.axes.executionProviders.join(', ')}` : '',
  ].filter(Boolean).join('; ');
  return {
    key: 'sweep',
    title: 'Sweep',
    blocks: [textBlock(`Point ${s.index + 1} of ${s.count} (${point || 'defaults'}) in sweep ${s.sweepId} over ${axes || 'no axis'}; its runs carry the tag sweep:${s.sweepId}.`)],
  };
}
