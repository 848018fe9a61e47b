import { unitOf } from '../hardware/hardware-kind.js';
import { mergedText, unitText } from './provenance-label.js';
import type { RunProvenance } from '../api/run-provenance.js';
import { medianIntervalMissing } from './median-interval.js';
import { failureOf, type CompletedRun, type RunRecord, type SummaryOnlyRun } from '../api/run-record.js';
import { statedSummaryRows } from './stated-summary.js';
import {
  countOf,
  formatCount,
  formatDurationMs,
  formatMs,
  formatColdStart,
  formatMsWithUnit,
  formatPercent,
  formatPerSecond,
  shortHash,
} from './format-values.js';
import { hardwareLabel, runTitle } from './run-labels.js';
import { inputTensorsText, runConfigurationRows, sessionOptionsText } from './run-configuration.js';
import { runSections } from './sections/run-sections.js';
import { acceleratorLabel, acceleratorOfRecord } from '../hardware/accelerator.js';
import { verdictTable } from './run-tables.js';
import { trtexecRows } from './trtexec-run-rows.js';
import { textSection } from './section-text.js';
import { column, textTable } from './table.js';

/**
 * The block `edgelab bench` prints when a run ends: what ran where, the latency distribution, and
 * the verdicts and warnings that decide what to do next, then a section per extra (memory, pipeline
 * stages, output checks, the profile breakdown). Plain text, aligned, no colour codes, so
 * it reads the same in a terminal, a CI log and a JUnit <system-out>.
 */
export function formatRunSummary(run: RunRecord, merged?: RunProvenance): string {
  const model = run.model ? `${run.model.fileName} (sha256 ${shortHash(run.model.sha256)})` : run.spec.model;
  const where = run.state === 'completed' || run.state === 'summary-only' ? ` on ${run.executionProvider}` : '';
  const lines = [`${runTitle(run)} — ${run.state}${where}`, `  model     ${model}`, `  hardware  ${hardwareLabel(run)}`, `  run       ${run.id}`, ''];
  const accelerator = acceleratorOfRecord(run);
  if (accelerator) lines.splice(3, 0, `  device    ${acceleratorLabel(accelerator)}`);
  const unit = unitText(unitOf(run.hardware));
  if (unit) lines.splice(3, 0, `  unit      ${unit}`);
  if (merged) lines.splice(unit ? 4 : 3, 0, `  evidence  ${mergedText(merged)}`);
  if (run.origin) {
    // An imported run's numbers were made elsewhere: say so before any of them.
    const files = run.origin.files.map((f) => `${f.name} (sha256 ${shortHash(f.sha256)})`).join(', ');
    lines.splice(1, 0, `  imported  from ${run.origin.tool}: ${files}; not measured here${run.origin.statedHardware ? `; machine as stated: ${run.origin.statedHardware}` : ''}`);
  }

  if (run.state === 'summary-only') {
    lines.push(textTable({ columns: [column(''), column('')], rows: statedSummaryRows(run.statedSummary) }));
    appendVerdictsAndWarnings(run, lines);
    for (const section of runSections(run)) lines.push('', textSection(section));
    return lines.join('\n') + '\n';
  }

  if (run.state === 'observed') {
    // No per-inference samples: the figures are the other tool's, in its own sections.
    for (const section of runSections(run)) lines.push(textSection(section), '');
    if (run.verdicts.length > 0) lines.push('targets', ...run.verdicts.map((v) => `  ${v.status.toUpperCase().padEnd(12)} ${v.target}: ${v.method}`), '');
    for (const w of run.warnings) lines.push(`! ${w.code}: ${w.message}`, `  → ${w.advice}`);
    return lines.join('\n') + '\n';
  }

  if (run.state !== 'completed') {
    lines.push(`error: ${failureOf(run).message}`);
    if (failureOf(run).hint) lines.push(`  ${failureOf(run).hint}`);
    lines.push(`${formatCount(run.samplesMs.length)} samples were taken before the run stopped; they are kept in the record.`);
    // What was measured before the stop (a max-QPS search's rates) is evidence too.
    for (const section of runSections(run)) lines.push('', textSection(section));
    return lines.join('\n') + '\n';
  }
  const l = run.latencyMs;
  const s = run.stability;
  const statKeys = ['mean', 'stddev', 'min', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const;
  lines.push(
    textTable({
      columns: [column('latency (ms)'), ...statKeys.map((k) => column(k === 'p999' ? 'p99.9' : k, 'right'))],
      rows: [['', ...statKeys.map((k) => formatMs(l[k]))]],
    }),
    '',
  );
  const ci = s.medianInterval;
  // A trtexec run has no ONNX Runtime session and no seeded input sets: its own terms instead.
  const trt = trtexecRows(run);
  const setup: string[][] = trt
    ? [
        ['cold start', trt.coldStart],
        ['warm-up', trt.warmUp],
        ['iterations', `${formatCount(run.iterations)} timed in ${formatDurationMs(run.durationMs)}`],
        ['inputs', trt.inputs],
        ['engine', trt.engine],
      ]
    : [
        ['cold start', formatColdStart(run.coldStart)],
        ['warm-up', `${countOf(run.warmup.iterations, 'iteration')}, ${formatDurationMs(run.warmup.durationMs)}`],
        ['iterations', `${formatCount(run.iterations)} timed in ${formatDurationMs(run.durationMs)}`],
        ['inputs', `${inputTensorsText(run)}; ${formatCount(run.inputs.distinctSets)} distinct sets (seed ${run.inputs.seed})`],
        ['session', sessionOptionsText(run)],
        ['scenario', scenarioText(run)],
      ];
  lines.push(
    textTable({
      columns: [column(''), column('')],
      rows: [
        ['throughput', formatPerSecond(run.throughputPerS)],
        ...setup,
        [
          'stability',
          `CV ${formatPercent(s.coefficientOfVariation)}, ${countOf(s.outlierCount, 'outlier')}, ${s.driftRatio === null ? 'drift not measured' : `drift ×${s.driftRatio.toFixed(3)}`}, ` +
            `median ${Math.round(ci.confidence * 100)}% CI ${medianIntervalMissing(ci, run.iterations) ?? `${formatMs(ci.lowMs)}–${formatMs(ci.highMs)} ms`}`,
        ],
      ],
    }),
  );

  appendVerdictsAndWarnings(run, lines);
  for (const section of runSections(run)) lines.push('', textSection(section));
  return lines.join('\n') + '\n';
}

function appendVerdictsAndWarnings(run: CompletedRun | SummaryOnlyRun, lines: string[]): void {
  if (run.verdicts.length > 0) {
    const table = verdictTable(run);
    lines.push('', 'targets', textTable({ columns: table.columns.map((c) => ({ ...c, header: '' })), rows: table.rows }, '  '));
  }
  if (run.warnings.length > 0) {
    lines.push('', 'warnings');
    for (const w of run.warnings) lines.push(`  ! ${w.code}: ${w.message}`, `    ${w.advice}`);
  }
}

/** The scenario row of the configuration, as the reports word it. */
function scenarioText(run: RunRecord): string {
  return runConfigurationRows(run).find(([name]) => name === 'Scenario')?.[1] ?? run.spec.scenario.kind;
}
