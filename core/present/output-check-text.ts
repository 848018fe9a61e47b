import type { CompletedRun } from '../api/run-record.js';
import { formatPercent } from './format-values.js';
import { formatError } from './sections/output-check-sections.js';
import { column, textTable } from './table.js';

/** What the text reads of an output check's extras (core/evaluate writes them; only their shape here). */
interface Drift {
  name: string;
  elementCount: number;
  maxAbsError: number;
  maxRelError: number;
  cosineSimilarity: number;
  mismatchCount: number;
  passed: boolean;
}
interface Tolerance {
  atol: number;
  rtol: number;
}
interface ExpectedOutputsEvaluation {
  dir: string;
  tolerance: Tolerance;
  sets: Array<{ dir: string; outputs: Drift[] }>;
  passedSets: number;
  verdict: 'pass' | 'fail';
}
interface AccuracyResult {
  imageCount: number;
  classCount: number;
  top1: number;
  top5: number;
  perClass: unknown[];
  misclassified: Array<{ file: string; expected: string; predicted: string; score: number }>;
}
interface ParitySide {
  model: string;
  executionProvider: string;
  latencyMs: { p50: number };
}
interface ParityResult {
  reference: ParitySide;
  candidate: ParitySide;
  tolerance: Tolerance;
  inputSets: number;
  outputs: Drift[];
  top1Agreement: Array<{ name: string; rows: number; agreeing: number }>;
  verdict: 'pass' | 'fail';
}

/**
 * The text `edgelab eval` and `edgelab parity` print for an output check's record: the table of
 * each output's drift and the verdict, or the accuracy with the first misclassified images.
 */
export function outputCheckText(record: CompletedRun): string {
  const evaluation = record.extras.evaluation as ExpectedOutputsEvaluation | undefined;
  const accuracy = record.extras.accuracy as AccuracyResult | undefined;
  const parity = record.extras.parity as ParityResult | undefined;
  if (parity) return formatParity(parity);
  return evaluation ? formatEvaluation(record, evaluation) : accuracy ? formatAccuracy(record, accuracy) : '';
}

/** The verdict an output check's exit code follows: only a failed comparison fails. */
export function outputCheckVerdict(record: CompletedRun): 'pass' | 'fail' | null {
  const verdict = ((record.extras.parity ?? record.extras.evaluation) as { verdict?: 'pass' | 'fail' } | undefined)?.verdict;
  return verdict ?? null;
}

function formatEvaluation(record: CompletedRun, e: ExpectedOutputsEvaluation): string {
  const rows = e.sets.flatMap((s) => s.outputs.map((o) => [
    setName(e.dir, s.dir), o.name, formatError(o.maxAbsError), formatError(o.maxRelError), o.cosineSimilarity.toFixed(6), `${o.mismatchCount}/${o.elementCount}`, o.passed ? 'pass' : 'FAIL',
  ]));
  const table = textTable({ columns: [column('Set'), column('Output'), column('Max abs', 'right'), column('Max rel', 'right'), column('Cosine', 'right'), column('Outside', 'right'), column('')], rows }, '  ');
  return [
    `${record.model?.fileName ?? record.spec.model} on ${record.executionProvider}: expected outputs, atol ${e.tolerance.atol}, rtol ${e.tolerance.rtol}`,
    table,
    `${e.verdict === 'pass' ? 'PASS' : 'FAIL'}: ${e.passedSets} of ${e.sets.length} set${e.sets.length === 1 ? '' : 's'} within tolerance.`,
  ].join('\n');
}

function formatAccuracy(record: CompletedRun, a: AccuracyResult): string {
  const lines = [
    `${record.model?.fileName ?? record.spec.model} on ${record.executionProvider}: ${a.imageCount} image${a.imageCount === 1 ? '' : 's'} in ${a.perClass.length} of ${a.classCount} ${a.classCount === 1 ? 'class' : 'classes'}`,
    `  top-1 ${formatPercent(a.top1)}   top-5 ${formatPercent(a.top5)}   median inference ${record.latencyMs.p50.toFixed(2)} ms`,
  ];
  if (a.misclassified.length > 0) {
    lines.push('  misclassified (first ones):', ...a.misclassified.slice(0, 5).map((m) => `    ${m.file}: ${m.expected} → ${m.predicted} (${formatPercent(m.score)})`));
  }
  return lines.join('\n');
}

export function formatParity(p: ParityResult): string {
  const side = (s: ParityResult['reference']) => `${s.model} on ${s.executionProvider} (p50 ${s.latencyMs.p50.toFixed(2)} ms)`;
  const rows = p.outputs.map((o) => [o.name, formatError(o.maxAbsError), formatError(o.maxRelError), o.cosineSimilarity.toFixed(6), `${o.mismatchCount}/${o.elementCount}`, o.passed ? 'pass' : 'FAIL']);
  return [
    `reference  ${side(p.reference)}`,
    `candidate  ${side(p.candidate)}`,
    `${p.inputSets} input set${p.inputSets === 1 ? '' : 's'}, atol ${p.tolerance.atol}, rtol ${p.tolerance.rtol}`,
    textTable({ columns: [column('Output'), column('Max abs', 'right'), column('Max rel', 'right'), column('Cosine', 'right'), column('Outside', 'right'), column('')], rows }, '  '),
    ...p.top1Agreement.map((t) => `  '${t.name}': same top class in ${t.agreeing} of ${t.rows} rows`),
    p.verdict === 'pass' ? 'PASS: every output within tolerance.' : `FAIL: ${p.outputs.filter((o) => !o.passed).map((o) => `'${o.name}'`).join(', ')} drifted beyond tolerance.`,
  ].join('\n');
}

/**
 * A set's folder as the table names it: relative to the folder given, `.` for that folder itself
 * (one set given directly). Without node:path, so the app can bundle it; either separator works.
 */
function setName(dir: string, setDir: string): string {
  const base = dir.replace(/[\\/]+$/, '');
  if (setDir.replace(/[\\/]+$/, '') === base) return '.';
  return setDir.startsWith(`${base}/`) || setDir.startsWith(`${base}\\`) ? setDir.slice(base.length + 1) : setDir;
}
