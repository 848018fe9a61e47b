/**
 * A model output as the decoders read it: the same whether ONNX Runtime returned it or trtexec's
 * `--exportOutput` JSON did. Values are numbers (int64 and float16 already converted by the caller).
 */
export interface DecoderTensor {
  dims: readonly number[];
  data: ArrayLike<number>;
  /** ONNX element type when known ('float32', 'int32', 'int64' …); EfficientNMS's outputs are told apart by it. */
  dtype?: string;
}

export type DecoderOutputs = Readonly<Record<string, DecoderTensor>>;

/**
 * The model's declared output order, carried beside the outputs. JavaScript enumerates an object's
 * integer-like keys first, in numeric order, whatever order they were set in: ISNet's side outputs
 * '1890'…'1894' would come before its fused 'output'. Decoders that take "the first" output take it
 * in this order. Not enumerable, so the outputs compare and serialise as before.
 */
const DECLARED_ORDER = Symbol('declared output order');

/** The outputs, to be read in `names`' order (the session's outputNames, the model's outputs). */
export function inDeclaredOrder<T extends Record<string, DecoderTensor>>(outputs: T, names: readonly string[]): T {
  const order = [...names.filter((n) => n in outputs), ...Object.keys(outputs).filter((n) => !names.includes(n))];
  Object.defineProperty(outputs, DECLARED_ORDER, { value: order, enumerable: false });
  return outputs;
}

/** [name, tensor] in the model's declared order where it is known, else the object's own order. */
export function outputEntries(outputs: DecoderOutputs): [string, DecoderTensor][] {
  const order = (outputs as { [DECLARED_ORDER]?: readonly string[] })[DECLARED_ORDER];
  return order ? order.map((n) => [n, outputs[n]!] as [string, DecoderTensor]) : Object.entries(outputs);
}

/** The outputs without `drop`, keeping the declared order. */
export function withoutOutputs(outputs: DecoderOutputs, drop: (name: string, t: DecoderTensor) => boolean): DecoderOutputs {
  const kept = outputEntries(outputs).filter(([n, t]) => !drop(n, t));
  return inDeclaredOrder(Object.fromEntries(kept), kept.map(([n]) => n));
}

/** `name [1, 84, 8400] float32, …`, for messages. */
export function describeOutputs(outputs: DecoderOutputs): string {
  const parts = outputEntries(outputs).map(([name, t]) => `${name} [${t.dims.join(', ')}]${t.dtype ? ` ${t.dtype}` : ''}`);
  return parts.length > 0 ? parts.join(', ') : 'no outputs';
}

/** The dims without leading 1s beyond `rank` (a batch of one): [1, 1, 640, 640] with rank 2 → [640, 640]. */
export function squeezeLeading(dims: readonly number[], rank: number): number[] | null {
  const d = [...dims];
  while (d.length > rank && d[0] === 1) d.shift();
  return d.length === rank ? d : null;
}

export function isIntegerType(dtype: string | undefined): boolean {
  return dtype !== undefined && /^u?int\d+$/.test(dtype);
}
