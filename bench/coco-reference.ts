/**
 * The reference COCO evaluators, timed on the same files as edgelab by scripts/coco/time-cocoeval.py
 * in a Python of their own: faster_coco_eval (C++, pybind11) and pycocotools (Python over maskApi.c,
 * Cython), as scripts/coco/build-reference-cocoeval.sh builds them from their sources into one
 * folder. EDGELAB_COCO_PYTHONPATH names that folder; EDGELAB_COCO_PYTHON the interpreter they were
 * built for (default /usr/bin/python3, Debian's, whose numpy, Cython and pybind11 built them).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REFERENCES = ['faster_coco_eval', 'pycocotools'] as const;
export type Reference = (typeof REFERENCES)[number];

export interface ReferenceTiming {
  impl: Reference;
  version: string;
  python: string;
  /** Median of the repeats, seconds: loadRes (reading the results file), evaluate, accumulate, summarize. */
  wall: number;
  cpu: number;
  phases: Record<'loadRes' | 'evaluate' | 'accumulate' | 'summarize', number>;
  /** The 12 numbers of summarize, in pycocotools' order. */
  stats: number[];
}

const DRIVER = fileURLToPath(new URL('../../scripts/coco/time-cocoeval.py', import.meta.url));

export function referenceSetup(): { pythonPath?: string; python: string } {
  return { pythonPath: process.env['EDGELAB_COCO_PYTHONPATH'] || undefined, python: process.env['EDGELAB_COCO_PYTHON'] || '/usr/bin/python3' };
}

/** Why `impl` cannot be timed here, or undefined when it imports. */
export function unavailable(impl: Reference): string | undefined {
  const { pythonPath, python } = referenceSetup();
  if (!pythonPath) return 'EDGELAB_COCO_PYTHONPATH is not set (scripts/coco/build-reference-cocoeval.sh builds both and says what to set)';
  const r = spawnSync(python, ['-c', `import ${impl}`], { env: { ...process.env, PYTHONPATH: pythonPath }, encoding: 'utf8' });
  if (r.error) return `${python} cannot be run: ${r.error.message}`;
  if (r.status !== 0) return `${python} cannot import ${impl} from ${pythonPath}: ${r.stderr.trim().split('\n').pop()}`;
  return undefined;
}

export function timeReference(impl: Reference, gtFile: string, resultsFile: string, iouType: 'bbox' | 'segm', repeats: number): ReferenceTiming {
  const { pythonPath, python } = referenceSetup();
  const args = [DRIVER, '--impl', impl, '--gt', gtFile, '--results', resultsFile, '--iou-type', iouType, '--repeats', String(repeats)];
  const r = spawnSync(python, args, { env: { ...process.env, PYTHONPATH: pythonPath }, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${python} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as ReferenceTiming;
}
