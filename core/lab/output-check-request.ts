import { stat } from 'node:fs/promises';
import { LabError } from '../api/errors.js';
import type { ValidOutputCheckRequest } from '../api/output-check.js';
import { RunSpecSchema, type RunSpec } from '../api/run-spec.js';

/**
 * Every file and folder an output check names must be there before a runner starts: a typo in a
 * path is then refused at once, naming the field, rather than arriving later as a failed event.
 */
export async function checkOutputCheckPaths(request: ValidOutputCheckRequest): Promise<void> {
  const paths: Array<[field: string, value: string | undefined, kind: 'file' | 'folder']> =
    request.kind === 'expected-outputs'
      ? [['testData', request.testData, 'folder']]
      : request.kind === 'accuracy'
        ? [['images', request.images, 'folder'], ['labels', request.labels, 'file']]
        : [['testData', request.testData, 'folder']];
  for (const [field, value, kind] of paths) {
    if (value === undefined) continue;
    const found = await stat(value).catch(() => null);
    if (!found) throw new LabError('input', `${field}: ${value} does not exist.`, `Give the path of an existing ${kind}.`);
    if (kind === 'folder' ? !found.isDirectory() : !found.isFile()) throw new LabError('input', `${field}: ${value} is not a ${kind}.`, `Give the path of a ${kind}.`);
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
    tags: [request.kind === 'parity' ? 'parity' : request.kind === 'accuracy' ? 'accuracy' : 'eval'],
    ...(request.kind !== 'parity' && request.ep ? { session: { executionProviders: [request.ep] } } : {}),
  });
}
