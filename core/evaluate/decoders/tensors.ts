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

/** `name [1, 84, 8400] float32, …`, for messages. */
export function describeOutputs(outputs: DecoderOutputs): string {
  const parts = Object.entries(outputs).map(([name, t]) => `${name} [${t.dims.join(', ')}]${t.dtype ? ` ${t.dtype}` : ''}`);
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
