import type { ValidOutputCheckRequest } from '../api/output-check.js';
import type { RunRecord } from '../api/run-record.js';
import { evaluateAccuracy } from './accuracy.js';
import { DEFAULT_TOLERANCE, type Tolerance } from './compare-outputs.js';
import { evaluateTestData, saveExpectedOutputs } from './expected-outputs.js';
import { runParity } from './parity.js';
import type { ReferencePassFile } from './pass/pass-summary.js';

function tolerance(t: { atol?: number | undefined; rtol?: number | undefined } | undefined): Tolerance {
  return { atol: t?.atol ?? DEFAULT_TOLERANCE.atol, rtol: t?.rtol ?? DEFAULT_TOLERANCE.rtol };
}

/**
 * An output check as the app asks for it, through the same functions `edgelab eval` and
 * `edgelab parity` call, so the record is the one the CLI would have made from the same options.
 */
export async function runOutputCheck(request: ValidOutputCheckRequest, reference?: ReferencePassFile): Promise<{ record: RunRecord; artifactPaths?: string[] }> {
  if (request.kind === 'labelled') return (await import('./pass/run-labelled-pass.js')).runLabelledPass(request, reference);
  return { record: await checkRecord(request) };
}

function checkRecord(request: Exclude<ValidOutputCheckRequest, { kind: 'labelled' }>): Promise<RunRecord> {
  const label = request.label ? { label: request.label } : {};
  switch (request.kind) {
    case 'expected-outputs':
      return evaluateTestData(request.model, request.testData, { tolerance: tolerance(request.tolerance), session: { executionProviders: [request.ep ?? 'cpu'] }, ...label });
    case 'accuracy':
      return evaluateAccuracy(request.model, request.images, request.labels, { preprocessing: request.preprocessing ?? {}, session: { executionProviders: [request.ep ?? 'cpu'] }, ...label });
    case 'parity':
      return runParity(request.model, {
        ...(request.candidateModel ? { candidateModel: request.candidateModel } : {}),
        providers: request.providers ?? [],
        ...(request.testData ? { testData: request.testData } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(request.sets !== undefined ? { inputSets: request.sets } : {}),
        dims: request.dims ?? {},
        tolerance: tolerance(request.tolerance),
        ...label,
      });
  }
}

/**
 * `saveExpected`: the model's outputs on the set's inputs become its expected outputs. Nothing is
 * measured or judged, so there is no record: the answer is the files written.
 */
export function saveExpectedFromRequest(request: ValidOutputCheckRequest & { kind: 'expected-outputs' }): Promise<string[]> {
  return saveExpectedOutputs(request.model, request.testData, { session: { executionProviders: [request.ep ?? 'cpu'] }, replace: request.force === true });
}
