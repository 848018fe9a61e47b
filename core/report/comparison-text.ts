import type { Comparison, MetricComparison } from './comparison-types.js';
import { formatPValue, formatRatio, formatRatioInterval } from '../present/compare-text.js';
import { formatLatencyOrRate } from '../present/format-values.js';
import { column, textTable } from '../present/table.js';

const metricNames: Record<MetricComparison['metric'], string> = {
  mean: 'mean',
  p50: 'p50',
  p90: 'p90',
  p95: 'p95',
  p99: 'p99',
  p999: 'p99.9',
  throughput: 'throughput',
  coldStart: 'cold start',
};

/** The comparison as `edgelab compare` prints it: the two runs, a metric table, the test, warnings. */
export function formatComparison(c: Comparison): string {
  const value = (m: MetricComparison, v: number) => formatLatencyOrRate(v, m.unit);
  const lines = [
    textTable({
      columns: [column(''), column(''), column('')],
      rows: [
        ['A', [c.a.title, c.a.accelerator, c.a.unit ? `unit ${c.a.unit}` : undefined, c.a.evidence].filter(Boolean).join(' · '), c.a.id],
        ['B', [c.b.title, c.b.accelerator, c.b.unit ? `unit ${c.b.unit}` : undefined, c.b.evidence].filter(Boolean).join(' · '), c.b.id],
      ],
    }),
    '',
    textTable({
      columns: [column('metric'), column('A', 'right'), column('B', 'right'), column('B/A', 'right'), column('95 % interval', 'right'), column('change')],
      rows: c.metrics.map((m) => [
        metricNames[m.metric],
        value(m, m.a),
        value(m, m.b),
        formatRatio(m.ratio),
        formatRatioInterval(m.ratioInterval),
        m.change === 'not tested' ? 'not tested (one measurement per run)' : m.change,
      ]),
    }),
    '',
    `${c.test.name} test on the latency samples (${c.a.samples} vs ${c.b.samples}): ` +
      `U = ${c.test.statistic}, p ${formatPValue(c.test.pValue)}, ` +
      (c.test.significant
        ? `run ${c.test.faster === 'b' ? 'B' : 'A'} is faster (significant at α = ${c.test.alpha}).`
        : `no significant difference at α = ${c.test.alpha}.`),
  ];
  if (c.warnings.length > 0) {
    lines.push('', 'warnings');
    for (const w of c.warnings) lines.push(`  ! ${w.code}: ${w.message}`, `    ${w.advice}`);
  }
  return lines.join('\n') + '\n';
}
