import { stat } from 'node:fs/promises';
import { LabError } from '../api/errors.js';
import { checkInt8Accuracy } from '../engines/trtexec/int8-calibration.js';
import { inspectModel } from '../model/inspect.js';
import { readLabels } from '../evaluate/classification.js';
import { labelledImages } from '../evaluate/labelled-images.js';
import { loadLabelledSet } from '../evaluate/labels/load-labelled-set.js';
import { checkPassRequest } from '../evaluate/pass/pass-checks.js';
import { listTestDataSets } from '../inputs/test-data/test-data-set.js';
import type { ValidOutputCheckRequest } from '../api/output-check.js';
import { RunSpecSchema, type RunSpec, type TrtexecEngineSpec } from '../api/run-spec.js';

/**
 * Every file and folder an output check names must be there before a runner starts: a typo in a
 * path is then refused at once, rather than arriving later as a failed event. The readers the check
 * itself uses do the looking, so the refusal is theirs, word for word, on every face.
 */
export async function checkOutputCheckPaths(request: ValidOutputCheckRequest): Promise<{ labels?: { name: string; sha256: string } }> {
  if (request.kind === 'labelled') {
    // Each refusal names the request field it is about, so the app shows it beside that field.
    await atField('targets', async () => checkPassRequest(request));
    let labels: { name: string; sha256: string } = { name: '', sha256: '' };
    await atField('labels.annotations', async () => {
      const set = await loadLabelledSet(request.labels);
      labels = { name: set.name, sha256: set.sha256 };
    });
    if (request.engine?.kind === 'trtexec') await checkTrtexecPass(request.model, request.engine);
    return { labels };
  }
  if (request.kind === 'accuracy') {
    await labelledImages(request.images, await readLabels(request.labels), request.labels);
    return {};
  }
  if (request.kind === 'expected-outputs' && request.force && !request.saveExpected) {
    throw new LabError('usage', 'force only goes with saveExpected: it lets saving replace the expected outputs a set already has.', 'Save the expected outputs, or leave force out to check the outputs against them.');
  }
  // Parity's own checks (two models or two providers, the same input shapes) come first in its
  // runner, as they always did; its test-data folder is refused there, in the same words.
  if (request.kind === 'expected-outputs') await listTestDataSets(request.testData);
  return {};
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
    ...(request.kind === 'labelled' && request.engine ? { engine: request.engine } : {}),
  });
}

/**
 * trtexec's INT8 accuracy pass needs scales (a calibration cache or Q/DQ nodes), and a cache must be
 * a file: refused here, beside the calib field, before any engine is built.
 */
async function checkTrtexecPass(model: string, engine: TrtexecEngineSpec): Promise<void> {
  if (engine.calib !== undefined) {
    const calib = engine.calib;
    const found = await stat(calib).then((s) => s.isFile(), () => false);
    if (!found) throw new LabError('usage', `Calibration cache ${calib}: no such file.`, 'Give the INT8 calibration cache trtexec wrote (--calib FILE), or leave it out for a Q/DQ model.', { field: { path: 'engine.calib' } });
  }
  checkInt8Accuracy(engine, model, await inspectModel(model));
}
