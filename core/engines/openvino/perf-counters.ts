import { LabError } from '../../api/errors.js';

/**
 * OpenVINO's per-layer performance counters (ov::ProfilingInfo), however benchmark_app wrote them:
 * the counters CSVs, the `-pc` tables on stdout, the counters JSON. One block per infer request
 * (the average report has one block for all of them), summed per layer as the file is read
 * (layer-totals.ts). Times are in milliseconds here, whatever unit the file used.
 */
export type LayerStatus = 'EXECUTED' | 'NOT_RUN' | 'OPTIMIZED_OUT';

export interface PerfCounter {
  /** As printed: the `-pc` tables cut names of 20 characters or more to 15-17 and `...`. */
  name: string;
  status: LayerStatus;
  layerType: string;
  /** The implementation the plugin ran (e.g. `brgconv_avx2_I8`): its suffix is the precision it ran in. */
  execType: string;
  realTimeMs: number;
  cpuTimeMs: number;
}

/** One layer's counters summed over the blocks it appears in (core/engines/openvino/layer-totals.ts sums them). */
export interface LayerTotals {
  name: string;
  /** EXECUTED when any block ran it, else the status its first block gave. */
  status: LayerStatus;
  /** As its first block gave them. */
  layerType: string;
  execType: string;
  realTimeSumMs: number;
  cpuTimeSumMs: number;
  /** The blocks it appears in. */
  count: number;
}

export type CountersFormat =
  | 'detailed-csv' | 'average-csv' | 'sorted-csv'
  | 'pc-cpp' | 'pc-python' | 'pc-python-2022' | 'pc-legacy-us'
  | 'counters-json';

export interface ParsedCounters {
  format: CountersFormat;
  /** 'C++' or 'Python' benchmark_app, when the format tells them apart. */
  writer: 'C++' | 'Python' | null;
  /** Every layer summed over the blocks, in the order each first appeared. */
  layers: LayerTotals[];
  /** How many blocks (infer requests, or the one average) the file held. */
  blockCount: number;
  /** The first block's infer request; null for the average report or when no request is stated. */
  firstRequest: number | null;
  /** The first block's executed layers, in its order. */
  firstBlockExecuted: string[];
  /** True when every counter of every block is zero (PERF_COUNT was off). */
  allZero: boolean;
  /** `Full device name:` after a C++ `-pc` table. */
  fullDeviceName: string | null;
  /** True when names were cut by the `-pc` printer, so they cannot be matched to a graph exactly. */
  namesTruncated: boolean;
}

const STATUSES: readonly string[] = ['EXECUTED', 'NOT_RUN', 'OPTIMIZED_OUT'];

/** `EXECUTED`, or `Status.EXECUTED` as the Python tool prints the enum; null when it is neither. */
export function layerStatus(text: string): LayerStatus | null {
  const bare = text.trim().replace(/^Status\./, '');
  return STATUSES.includes(bare) ? (bare as LayerStatus) : null;
}

/** The precision suffix of an exec type (`jit_avx2_FP32` → FP32, `brgconv_avx2_I8` → I8), upper-cased. */
export function execPrecision(execType: string): string | null {
  const match = /_(i8|u8|i4|u4|fp32|f32|fp16|f16|bf16|fp64|f64|i32|i64|boolean|u1|nf4|f8e4m3|f8e5m2)$/i.exec(execType);
  if (!match) return null;
  const p = match[1]!.toUpperCase();
  return p === 'F32' ? 'FP32' : p === 'F16' ? 'FP16' : p === 'F64' ? 'FP64' : p;
}

/** A number a counters file printed, or a LabError naming where it is. */
export function counterNumber(text: string, where: string, what: string): number {
  const trimmed = text.trim();
  const value = /^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isFinite(value) || value < 0) {
    throw new LabError('input', `${where}: ${what} is '${trimmed.slice(0, 40)}', not a time.`, 'Give the file benchmark_app wrote, unedited.');
  }
  return value;
}
