import { LabError } from '../../api/errors.js';
import type { ValueInfo } from '../../api/model-info.js';
import type { ConcreteInput } from '../../inputs/shapes.js';

/** The batch dim by convention: the first symbolic dim of the first input (`batch`, `N`, `batch_size`). */
export function defaultBatchDim(inputs: readonly ValueInfo[]): string | undefined {
  const first = inputs[0]?.shape ?? [];
  return first.find((d): d is string => typeof d === 'string');
}

/**
 * The value the run gave the batch dim, read from the resolved shapes so that `--shape` and `--dim`
 * both count. Only a dim the run names is a batch: guessing would turn an image height into a batch
 * size and multiply the throughput by it.
 */
export function batchSizeOf(modelPath: string, declared: readonly ValueInfo[], resolved: readonly ConcreteInput[], batchDim: string): number {
  for (const input of declared) {
    const axis = (input.shape ?? []).indexOf(batchDim);
    const concrete = resolved.find((r) => r.name === input.name);
    if (axis >= 0 && concrete) return concrete.shape[axis] as number;
  }
  const symbolic = [...new Set(declared.flatMap((i) => (i.shape ?? []).filter((d): d is string => typeof d === 'string')))];
  throw new LabError(
    'usage',
    `Batch dim '${batchDim}': no input of ${modelPath} has a dim of that name.`,
    symbolic.length > 0 ? `Its symbolic dims are: ${symbolic.join(', ')}; name the batch with --dim NAME.` : 'It has no symbolic dims, so its batch size is fixed and cannot be swept.',
  );
}
