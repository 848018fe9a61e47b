import { fileNameOf } from '../file-name.js';
import { plainNumber } from '../../stats/plain-number.js';
import { z } from 'zod';
import { formatCount, formatMs } from '../format-values.js';
import { tableBlock, textBlock, type ReportSection } from './report-section.js';
import { column, type Table } from '../table.js';

/**
 * Sections for runs whose point is whether the outputs are right: `extras.evaluation` (expected
 * outputs from ONNX test data) and `extras.parity` (a variant or provider against a reference),
 * both built from core/evaluate's OutputDrift per output.
 */
const Drift = z.object({
  name: z.string(),
  elementCount: z.number(),
  maxAbsError: z.number(),
  maxRelError: z.number(),
  cosineSimilarity: z.number(),
  mismatchCount: z.number(),
  passed: z.boolean(),
});
type Drift = z.infer<typeof Drift>;
const Tolerance = z.object({ atol: z.number(), rtol: z.number() });
const Verdict = z.enum(['pass', 'fail']);

const EvaluationView = z.object({
  kind: z.literal('expected-outputs'),
  dir: z.string(),
  tolerance: Tolerance,
  sets: z.array(z.object({ dir: z.string(), passed: z.boolean(), outputs: z.array(Drift) })),
  passedSets: z.number(),
  failedSets: z.number(),
  verdict: Verdict,
});

const Side = z.object({ model: z.string(), executionProvider: z.string(), latencyMs: z.object({ p50: z.number() }) });
const ParityView = z.object({
  reference: Side,
  candidate: Side,
  tolerance: Tolerance,
  inputSets: z.number(),
  outputs: z.array(Drift),
  verdict: Verdict,
});

/** Rows beyond this go to the JSON record: failing rows are listed first so they are never the ones cut. */
const MAX_ROWS = 20;

export function evaluationSection(value: unknown): ReportSection | null {
  const parsed = EvaluationView.safeParse(value);
  if (!parsed.success) return null;
  const e = parsed.data;
  const rows = e.sets.flatMap((set) => set.outputs.map((o) => ({ set: fileNameOf(set.dir), drift: o })));
  return {
    key: 'evaluation',
    title: 'Expected outputs',
    blocks: [
      textBlock(
        `${e.verdict.toUpperCase()}: ${e.passedSets} of ${e.sets.length} test data sets in ${e.dir} match their output_K.pb within atol ${e.tolerance.atol}, rtol ${e.tolerance.rtol}.`,
      ),
      driftTable(rows, 'Test data set'),
    ],
  };
}

export function paritySection(value: unknown): ReportSection | null {
  const parsed = ParityView.safeParse(value);
  if (!parsed.success) return null;
  const p = parsed.data;
  const side = (s: z.infer<typeof Side>) => [s.model, s.executionProvider, `${formatMs(s.latencyMs.p50)} ms`];
  return {
    key: 'parity',
    title: 'Output parity',
    blocks: [
      textBlock(
        `${p.verdict.toUpperCase()}: the candidate's outputs ${p.verdict === 'pass' ? 'stay' : 'do not stay'} within atol ${p.tolerance.atol}, rtol ${p.tolerance.rtol} of the reference's over ${formatCount(p.inputSets)} input sets (worst case per output).`,
      ),
      tableBlock({
        columns: [column(''), column('Model'), column('Execution provider'), column('p50', 'right')],
        rows: [['Reference', ...side(p.reference)], ['Candidate', ...side(p.candidate)]],
      }),
      driftTable(p.outputs.map((drift) => ({ set: null, drift })), null),
    ],
  };
}

function driftTable(rows: Array<{ set: string | null; drift: Drift }>, setHeader: string | null): ReturnType<typeof tableBlock> {
  const ordered = [...rows].sort((a, b) => Number(a.drift.passed) - Number(b.drift.passed));
  const shown = ordered.slice(0, MAX_ROWS);
  const table: Table = {
    columns: [
      ...(setHeader ? [column(setHeader)] : []),
      column('Output'), column('Status'), column('Elements', 'right'), column('Max abs error', 'right'), column('Max rel error', 'right'),
      column('Cosine similarity', 'right'), column('Mismatches', 'right'),
    ],
    rows: shown.map(({ set, drift: d }) => [
      ...(setHeader ? [set ?? ''] : []),
      d.name, d.passed ? 'pass' : 'FAIL', formatCount(d.elementCount), formatError(d.maxAbsError), formatError(d.maxRelError),
      d.cosineSimilarity.toFixed(6), formatCount(d.mismatchCount),
    ]),
  };
  const omitted = ordered.slice(MAX_ROWS);
  const note = omitted.length === 0 ? undefined
    : `${omitted.length} more rows in the JSON record${omitted.every((r) => r.drift.passed) ? ', all passing' : ''}.`;
  return tableBlock(table, undefined, note);
}

/** Errors span 0 to 1e-8 to Infinity: three significant digits in plain notation (0.0000000119), right-aligned. */
export function formatError(value: number): string {
  return plainNumber(value, 3);
}
