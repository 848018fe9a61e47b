import { buildLopsided } from './definitions/lopsided.js';
import { buildMobilenetStyle } from './definitions/mobilenet-style.js';
import { buildMultiInput } from './definitions/multi-input.js';
import { buildSymbolicDims } from './definitions/symbolic-dims.js';
import { buildTinyClassifier } from './definitions/tiny-classifier.js';

export interface CatalogEntry {
  fileName: string;
  /** One line for the README and `npm run models`. */
  summary: string;
  build: () => Uint8Array;
}

/** The generated test and demo models, by name. Each build is deterministic. */
export const catalog = {
  'mobilenet-style': {
    fileName: 'mobilenet-style.onnx',
    summary: 'MobileNet-v1 (width 0.5) classifier, input [batch, 3, 224, 224], 1000 classes; the demo and overhead-benchmark model',
    build: buildMobilenetStyle,
  },
  'multi-input': {
    fileName: 'multi-input.onnx',
    summary: 'Seven inputs (float32, float16, int8, uint8, int32, int64, bool) combined with Cast/Add/Where/Mul',
    build: buildMultiInput,
  },
  'symbolic-dims': {
    fileName: 'symbolic-dims.onnx',
    summary: 'Non-batch symbolic dims: image [1, 3, height, width] and tokens [seq_len, 16]',
    build: buildSymbolicDims,
  },
  lopsided: {
    fileName: 'lopsided.onnx',
    summary: 'One dominant MatMul (heavy/matmul) between cheap Add/Relu/Transpose, for profiler tests',
    build: buildLopsided,
  },
  'tiny-classifier': {
    fileName: 'tiny-classifier.onnx',
    summary: 'Tiny classifier, input [1, 3, 32, 32], 10 classes, for fast tests',
    build: buildTinyClassifier,
  },
} as const satisfies Record<string, CatalogEntry>;

export type CatalogName = keyof typeof catalog;

export const catalogNames = Object.keys(catalog) as CatalogName[];

export function isCatalogName(name: string): name is CatalogName {
  return Object.hasOwn(catalog, name);
}
