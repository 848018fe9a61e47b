import type { TypeProto, ValueInfoProto } from 'onnx-buf';
import type { Dim, TensorDtype, ValueInfo } from '../api/model-info.js';
import { dtypeName } from './dtypes.js';

/** A graph input or output as the lab reports it: dims are numbers, dim_param names or null. */
export function toValueInfo(value: ValueInfoProto): ValueInfo {
  return { name: value.name, ...tensorTypeOf(value.type) };
}

function tensorTypeOf(type: TypeProto | undefined): { dtype: TensorDtype; shape: Dim[] | null } {
  const v = type?.value;
  if (v?.case !== 'tensorType' && v?.case !== 'sparseTensorType') return { dtype: 'unknown', shape: null };
  const shape = v.value.shape;
  return {
    dtype: dtypeName(v.value.elemType),
    shape: shape ? shape.dim.map((d): Dim => {
      if (d.value.case === 'dimValue') return Number(d.value.value);
      if (d.value.case === 'dimParam' && d.value.value !== '') return d.value.value;
      return null;
    }) : null,
  };
}

/** Names of symbolic dims in order of first appearance. */
export function symbolicDimNames(values: readonly ValueInfo[]): string[] {
  const names = new Set<string>();
  for (const v of values) for (const d of v.shape ?? []) if (typeof d === 'string') names.add(d);
  return [...names];
}

