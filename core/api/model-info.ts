/**
 * What `inspectModel` reports about an .onnx file. Dims are numbers when fixed and strings when
 * symbolic (the dim_param name), or null when the file gives neither.
 */
export type Dim = number | string | null;

/** ONNX TensorProto.DataType names, lower-case as ONNX Runtime's JS API spells them. */
export type TensorDtype =
  | 'float32' | 'uint8' | 'int8' | 'uint16' | 'int16' | 'int32' | 'int64' | 'string' | 'bool'
  | 'float16' | 'float64' | 'uint32' | 'uint64' | 'complex64' | 'complex128' | 'bfloat16'
  | 'float8e4m3fn' | 'float8e4m3fnuz' | 'float8e5m2' | 'float8e5m2fnuz' | 'uint4' | 'int4'
  | 'float4e2m1' | 'unknown';

export interface ValueInfo {
  name: string;
  dtype: TensorDtype;
  /** null when the value is not a tensor or its rank is unknown. */
  shape: Dim[] | null;
}

export interface ParamBytes {
  dtype: TensorDtype;
  count: number;
  bytes: number;
}

export interface ParameterLocation {
  location: 'initializers' | 'constant-nodes';
  /** Tensors there (initializers, or Constant nodes). */
  tensors: number;
  count: number;
  bytes: number;
}

export interface ExternalDataRef {
  tensor: string;
  location: string;
  offset: number;
  length: number | null;
}

export interface ModelInfo {
  path: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  /** Domain ('' is ai.onnx) → opset version. */
  opsets: Record<string, number>;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  nodeCount: number;
  /** Op type → count, most frequent first. Domain-qualified for non-default domains. */
  opHistogram: Array<{ opType: string; count: number }>;
  /** Initializers, i.e. weights. */
  parameterCount: number;
  parameterBytes: number;
  parametersByDtype: ParamBytes[];
  /**
   * Where those weights live: graph initializers and/or Constant nodes' tensors (PaddleOCR's
   * exporter keeps every weight in Constant nodes). Both count as parameters.
   */
  parameterLocations: ParameterLocation[];
  externalData: ExternalDataRef[];
  /** Missing, truncated or escaping external-data files, one line each; absent when there are none. */
  externalDataProblems?: string[];
  /** Names of symbolic dims across all graph inputs, for the --dim flag. */
  symbolicDims: string[];
}
