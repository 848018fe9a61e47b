import type { TensorDtype } from '../api/model-info.js';

/** Bytes per element of the dtypes edgelab can synthesise; others are refused with a message. */
export const synthesizableDtypes = {
  float32: 4,
  float16: 2,
  float64: 8,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  bool: 1,
} as const satisfies Partial<Record<TensorDtype, number>>;

export type SynthDtype = keyof typeof synthesizableDtypes;

export function isSynthesizable(dtype: string): dtype is SynthDtype {
  return Object.hasOwn(synthesizableDtypes, dtype);
}
