import { z } from 'zod';
import { filledText } from './bounded-text.js';

/**
 * `edgelab import openvino` and the app's Import screen: the files OpenVINO's benchmark_app wrote,
 * paths on the lab's machine. benchmark_app states summary statistics only (a median or one
 * percentile, the mean, min and max), so the run is recorded summary-only: no samples, no
 * intervals. zod and types only, so the renderer may import it.
 */
const importPath = z.string().min(1).max(4096);

export const OpenvinoImportRequestSchema = z.strictObject({
  /** What benchmark_app printed (`benchmark_app … | tee run.log`): one whole run, or a `-pc` table. */
  log: importPath.optional(),
  /** benchmark_report.csv (-report_type), or benchmark_report.json (-json_stats). */
  report: importPath.optional(),
  /** The per-layer counters: benchmark_{average,detailed}_counters_report.csv or its -json_stats .json. */
  counters: importPath.optional(),
  /** The -exec_graph_path XML: maps executed layers back to the model's nodes. */
  execGraph: importPath.optional(),
  /** The ONNX file that was converted and run, to fingerprint it and put the counters on its graph. */
  model: importPath.optional(),
  label: filledText('label').optional(),
  /** The machine, in the user's words; stored as stated, beside the device the files name. */
  statedHardware: filledText('statedHardware').optional(),
  /** Targets judged on the figures the files state (a p99 target on a median-only run is "not stated"). */
  targets: z.array(filledText('target')).max(50).optional(),
  tags: z.array(filledText('tag')).max(50).optional(),
});
export type OpenvinoImportRequest = z.infer<typeof OpenvinoImportRequestSchema>;
