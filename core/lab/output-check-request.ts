import { LabError } from '../api/errors.js';
import { readLabels } from '../evaluate/classification.js';
import { labelledImages } from '../evaluate/labelled-images.js';
import { loadLabelledSet } from '../evaluate/labels/load-labelled-set.js';
import { checkPassRequest } from '../evaluate/pass/pass-checks.js';
import { listTestDataSets } from '../inputs/test-data/test-data-set.js';
import type { ValidOutputCheckRequest } from '../api/output-check.js';
import { RunSpecSchema, type RunSpec } from '../api/run-spec.js';

/**
 * Every file and folder an output check names must be there before a runner starts: a typo in a
 * path is then refused at once, rather than arriving later as a failed event. The readers the check
 * itself uses do the looking, so the refusal is theirs, word for word, on every face.
 */
export async function checkOutputCheckPaths(request: ValidOutputCheckRequest): Promise<void> {
  if (request.kind === 'labelled') {
    // Each refusal names the request field it is about, so the app shows it beside that field.
    await atField('targets', async () => checkPassRequest(request));
    await atField('labels.annotations', () => loadLabelledSet(request.labels));
    return;
  }
  if (request.kind === 'accuracy') {
    await labelledImages(request.images, await readLabels(request.labels), request.labels);
    return;
  }
  if (request.kind === 'expected-outputs' && request.force && !request.saveExpected) {
    throw new LabError('usage', 'force only goes with saveExpected: it lets saving replace the expected outputs a set already has.', 'Save the expected outputs, or leave force out to check the outputs against them.');
  }
  // Parity's own checks (two models or two providers, the same input shapes) come first in its
  // runner, as they always did; its test-data folder is refused there, in the same words.
  if (request.kind === 'expected-outputs') await listTestDataSets(request.testData);
}

async function atField(path: string, check: () => Promise<unknown>): Promise<void> {
  try {
    await check();
  } catch (e) {
    if (!(e instanceof LabError) || e.field) throw e;
    throw new LabError(e.kind, e.message, e.hint, { cause: e, field: { path } });
  }
}

/**
 * The spec a crash record carries when the runner dies before it returns a record: the model, the
 * label and the tag the CLI's record would have had.
 */
export function outputCheckSpec(request: ValidOutputCheckRequest): RunSpec {
  return RunSpecSchema.parse({
    model: request.model,
    ...(request.label ? { label: request.label } : {}),
    tags: [request.kind === 'parity' ? 'parity' : request.kind === 'accuracy' || request.kind === 'labelled' ? 'accuracy' : 'eval'],
    ...(request.kind !== 'parity' && request.ep ? { session: { executionProviders: [request.ep] } } : {}),
  });
}
