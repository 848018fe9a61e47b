import type { NodeProto, TensorProto } from 'onnx-buf';
import { TensorProto_DataType as DataType } from '../onnx-proto.js';

/**
 * What shape inference knows so far: each tensor's shape, and the values of small integer tensors
 * (shape vectors, axes, pads, Resize sizes), which is what lets an exporter's Shape → Gather →
 * Concat → Reshape chain resolve. A rule reads its inputs here and sets its outputs.
 */
export type Values = number[];

/** Largest integer tensor whose values are tracked: shape vectors, axes, pads, Resize sizes. */
const MAX_TRACKED_VALUES = 64;

export class ShapeTable {
  readonly shapes = new Map<string, number[]>();
  readonly values = new Map<string, Values>();
  shape(name: string | undefined): number[] | undefined {
    return name === undefined || name === '' ? undefined : this.shapes.get(name);
  }
  value(name: string | undefined): Values | undefined {
    return name === undefined || name === '' ? undefined : this.values.get(name);
  }
  set(name: string | undefined, shape: number[] | undefined, values?: Values): void {
    if (!name || !shape || shape.some((d) => !Number.isFinite(d) || d < 0)) return;
    this.shapes.set(name, shape);
    if (values && values.length <= MAX_TRACKED_VALUES && values.every(Number.isFinite)) this.values.set(name, values);
  }
}

/** One node as a rule sees it: its first input's shape (s), its first output's name (out), its op. */
export interface NodeShapes {
  node: NodeProto;
  t: ShapeTable;
  s: number[];
  out: string | undefined;
  op: string;
}

/** An op's shape rule: sets the node's outputs and says true, or false when it cannot tell. */
export type ShapeRule = (n: NodeShapes) => boolean;

/** Integer (or small float) values of a tensor, when it is small enough to be shape arithmetic. */
export function tensorValues(t: TensorProto): Values | undefined {
  const count = t.dims.reduce((n, d) => n * Number(d), 1);
  if (count > MAX_TRACKED_VALUES) return undefined;
  if (t.int64Data.length > 0) return t.int64Data.map(Number);
  if (t.int32Data.length > 0) return [...t.int32Data];
  if (t.floatData.length > 0) return [...t.floatData];
  const raw = t.rawData;
  if (raw.length === 0) return count === 0 ? [] : undefined;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const read = (size: number, get: (offset: number) => number) => Array.from({ length: raw.byteLength / size }, (_, i) => get(i * size));
  switch (t.dataType) {
    case DataType.INT64: return read(8, (o) => Number(view.getBigInt64(o, true)));
    case DataType.INT32: return read(4, (o) => view.getInt32(o, true));
    case DataType.FLOAT: return read(4, (o) => view.getFloat32(o, true));
    case DataType.DOUBLE: return read(8, (o) => view.getFloat64(o, true));
    default: return undefined;
  }
}

/** Numpy-style broadcasting of shapes, as ONNX's elementwise ops, MatMul's batch dims and Expand use it. */
export function broadcast(shapes: ReadonlyArray<readonly number[]>): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  return Array.from({ length: rank }, (_, i) => {
    const dims = shapes.map((s) => s[s.length - rank + i] ?? 1);
    const big = dims.filter((d) => d !== 1);
    return big.length === 0 ? 1 : (big[0] as number);
  });
}

/** A negative axis counts from the end, as ONNX allows. */
export const normAxis = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);
