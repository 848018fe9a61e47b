import { unitOf } from '../hardware/hardware-kind.js';
import { mergedText, unitText } from './provenance-label.js';
import type { RunProvenance } from '../api/run-provenance.js';
import { acceleratorLabel, acceleratorOfRecord } from '../hardware/accelerator.js';
import { medianIntervalMissing } from './median-interval.js';
import { failureOf, type CompletedRun, type RunRecord, type SummaryOnlyRun } from '../api/run-record.js';
import { statedPercentile, statedSummaryRows } from './stated-summary.js';
import {
  countOf,
  formatCount,
  formatDurationMs,
  formatMeasured,
  formatMs,
  formatColdStart,
  formatMsWithUnit,
  formatPercent,
  formatPerSecond,
  shortHash,
} from './format-values.js';
import { runConfigurationRows } from './run-configuration.js';
import { trtexecRows } from './trtexec-run-rows.js';
import { hardwareFingerprint, hardwareLabel, runTitle, verdictWord } from './run-labels.js';
import { column, type Table } from './table.js';

/** The headline facts of one run, as Metric | Value rows. */
export function summaryTable(run: RunRecord, merged?: RunProvenance): Table {
  const rows: string[][] = [['State', run.state]];
  if (run.model) rows.push(['Model', `${run.model.fileName} (sha256 ${shortHash(run.model.sha256)})`]);
  else rows.push(['Model', run.spec.model]);
  rows.push(['Hardware', hardwareLabel(run)]);
  // Records written before units were read name none: their tables stay as they were.
  const unit = unitText(unitOf(run.hardware));
  if (unit) rows.push(['Unit', unit]);
  if (merged) rows.push(['Evidence', mergedText(merged)]);
  const accelerator = acceleratorOfRecord(run);
  if (accelerator) rows.push(['Accelerator', acceleratorLabel(accelerator)]);
  if (run.state === 'completed') {
    const { latencyMs: l, stability: s, coldStart, warmup } = run;
    const ci = s.medianInterval;
    const trt = trtexecRows(run);
    rows.push(
      trt ? ['Engine', trt.engine] : ['Execution provider', run.executionProvider],
      ['Latency p50', formatMsWithUnit(l.p50)],
      ['Latency p99', formatMsWithUnit(l.p99)],
      ['Latency mean ± stddev', `${formatMs(l.mean)} ± ${formatMs(l.stddev)} ms`],
      ['Throughput', formatPerSecond(run.throughputPerS)],
      ...(trt
        ? [['Cold start', trt.coldStart], ['Warm-up', trt.warmUp], ['Timed iterations', `${formatCount(run.iterations)} in ${formatDurationMs(run.durationMs)}`], ['Inputs', trt.inputs]]
        : [
            ['Cold start', formatColdStart(coldStart)],
            ['Warm-up', `${countOf(warmup.iterations, 'iteration')}, ${formatDurationMs(warmup.durationMs)}`],
            ['Timed iterations', `${formatCount(run.iterations)} in ${formatDurationMs(run.durationMs)}`],
            ['Distinct input sets', formatCount(run.inputs.distinctSets)],
          ]),
      [`Median ${Math.round(ci.confidence * 100)}% CI`, medianIntervalMissing(ci, run.iterations) ?? `${formatMs(ci.lowMs)} – ${formatMs(ci.highMs)} ms`],
      ['Variation (CV)', formatPercent(s.coefficientOfVariation)],
      ['Outliers', `${formatCount(s.outlierCount)} (modified z-score > ${s.outlierThreshold})`],
      ['Drift (last/first decile median)', s.driftRatio === null ? 'not measured (under 20 samples)' : `×${s.driftRatio.toFixed(3)}`],
    );
  } else if (run.state === 'summary-only') {
    rows.push(['Execution provider', run.executionProvider], ...statedSummaryRows(run.statedSummary));
  } else if (run.state === 'observed') {
    rows.push(['Per-inference latency', 'none: observed by another tool (see its section below)']);
  } else {
    rows.push(['Error', failureOf(run).hint ? `${failureOf(run).message} (${failureOf(run).hint})` : failureOf(run).message]);
    rows.push(['Samples before stop', formatCount(run.samplesMs.length)]);
  }
  return { columns: [column('Metric'), column('Value')], rows };
}

/** Latency statistics in ms, one row per completed run. */
export function percentileTable(runs: CompletedRun[]): Table {
  const keys = ['mean', 'stddev', 'min', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const;
  const headers = { mean: 'mean', stddev: 'stddev', min: 'min', p50: 'p50', p90: 'p90', p95: 'p95', p99: 'p99', p999: 'p99.9', max: 'max' };
  return {
    columns: [column('Run'), column('n', 'right'), ...keys.map((k) => column(`${headers[k]} (ms)`, 'right'))],
    rows: runs.map((run) => [runTitle(run), formatCount(run.samplesMs.length), ...keys.map((k) => formatMs(run.latencyMs[k]))]),
  };
}

/** Target verdicts of one run; the status column is a word so that the table reads without colour. */
export function verdictTable(run: CompletedRun | SummaryOnlyRun, symbols?: Record<string, string>): Table {
  return {
    columns: [column('Status'), column('Target'), column('Observed', 'right'), column('Method')],
    rows: run.verdicts.map((v) => [
      symbols ? `${symbols[v.status] ?? ''} ${v.status}` : verdictWord[v.status],
      v.target,
      v.observedValue === null ? 'not measured' : formatMeasured(v.observedValue, v.unit),
      v.method,
    ]),
  };
}

/** Everything needed to repeat the run: session options, inputs, scenario, software. */
export function settingsTable(run: RunRecord): Table {
  const rows: string[][] = runConfigurationRows(run);
  if (run.spec.tags.length > 0) rows.push(['Tags', run.spec.tags.join(', ')]);
  if (run.spec.notes) rows.push(['Notes', run.spec.notes]);
  const sw = run.software;
  const trt = run.state === 'completed' ? trtexecRows(run) : null;
  rows.push(
    ['Software', trt ? trt.software : `edgelab ${sw.edgelab}, onnxruntime ${sw.onnxruntime}, node ${sw.node}, ${sw.platform} ${sw.arch}`],
    ['Hardware fingerprint', hardwareFingerprint(run) ?? 'not recorded'],
    ['Started', run.startedAt],
    ['Finished', run.finishedAt],
    ['Run id', run.id],
  );
  return { columns: [column('Setting'), column('Value')], rows };
}

/** One row per run, for reports that hold several: the numbers a reviewer compares first. */
export function overviewTable(runs: RunRecord[]): Table {
  return {
    columns: [
      column('Run'),
      column('State'),
      column('Provider'),
      column('p50 (ms)', 'right'),
      column('p99 (ms)', 'right'),
      column('Throughput', 'right'),
      column('Targets'),
    ],
    rows: runs.map((run) => {
      if (run.state === 'summary-only') {
        const p50 = statedPercentile(run.statedSummary, 50);
        const p99 = statedPercentile(run.statedSummary, 99);
        const counts = (['pass', 'fail', 'inconclusive'] as const).map((s) => [s, run.verdicts.filter((v) => v.status === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
        return [runTitle(run), run.state, run.executionProvider, p50 === null ? 'not stated' : formatMs(p50), p99 === null ? 'not stated' : formatMs(p99),
          run.statedSummary.throughputPerS === null ? 'not stated' : formatPerSecond(run.statedSummary.throughputPerS), counts.join(', ') || 'none'];
      }
      if (run.state !== 'completed') return [runTitle(run), run.state, '', '', '', '', ''];
      const counts = (['pass', 'fail', 'inconclusive'] as const)
        .map((status) => [status, run.verdicts.filter((v) => v.status === status).length] as const)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => `${n} ${status}`);
      return [
        runTitle(run),
        run.state,
        run.executionProvider,
        formatMs(run.latencyMs.p50),
        formatMs(run.latencyMs.p99),
        formatPerSecond(run.throughputPerS),
        counts.join(', ') || 'none',
      ];
    }),
  };
}

export function completedRuns(runs: RunRecord[]): CompletedRun[] {
  return runs.filter((run): run is CompletedRun => run.state === 'completed');
}
