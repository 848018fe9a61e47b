import { LabError } from '../../api/errors.js';
import { importedRunFlags } from '../import-flags.js';
import { ExitCode } from '../../api/exit-codes.js';
import { LabRequestSchemas } from '../../api/lab-requests.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { workspaceHelp } from '../workspace-flag.js';
import { printImportedRun } from '../imported-run-output.js';
import { withCliLab } from '../open-cli-lab.js';

export const importOpenvinoHelp = `Usage: edgelab import openvino [LOG] [--report F] [--counters F] [--exec-graph F] [flags]

Records an OpenVINO benchmark_app run made elsewhere as imported evidence. edgelab runs no
OpenVINO itself: its Node binding downloads the runtime from Intel when it is installed, and no
package registry ships it. Give what benchmark_app wrote:
  LOG                     its stdout (benchmark_app … 2>&1 | tee run.log): OpenVINO build, device
                          asked for and used, hint, streams, requests, statistics; or a -pc table
  --report F              benchmark_report.csv (-report_type …), or benchmark_report.json (-json_stats)
  --counters F            per-layer counters: benchmark_average_counters_report.csv,
                          benchmark_detailed_counters_report.csv, or their -json_stats .json
  --exec-graph F          the -exec_graph_path XML: maps executed layers to the model's nodes
benchmark_app states a median (or one percentile), mean, min and max, never the iterations:
the run is recorded summary-only, with no intervals, and a target on a figure the files do not
state (a p99 on a median-only run) is "not stated", never a pass.

Flags
  --model FILE            the ONNX file that was run: fingerprinted, and the counters are put on its graph
  --target EXPR           a target to judge the stated figures against (repeatable)
  --hardware TEXT         the machine, as you would name it; stored as stated, beside the device the files name
  --label TEXT            a label for the run
  --tag TEXT              a tag (repeatable)
${workspaceHelp.trimEnd()}
  --json                  print the record as JSON
`;

const options = {
  report: { type: 'string' },
  counters: { type: 'string' },
  'exec-graph': { type: 'string' },
  model: { type: 'string' },
  ...importedRunFlags,
} as const;

export async function importOpenvinoCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('import openvino', argv, options);
  if (v.help) {
    ctx.stdout.write(importOpenvinoHelp);
    return ExitCode.ok;
  }
  if (positionals.length > 1) {
    throw new LabError('usage', `edgelab import openvino: expected at most one LOG, got ${positionals.length}: ${positionals.join(' ')}.`, 'Give the other files with --report, --counters and --exec-graph.');
  }
  // The request the app's Import screen sends, validated by the same schema.
  const { request } = LabRequestSchemas.importOpenvino.parse({
    request: {
      ...(positionals[0] !== undefined ? { log: positionals[0] } : {}),
      ...(v.report !== undefined ? { report: v.report } : {}),
      ...(v.counters !== undefined ? { counters: v.counters } : {}),
      ...(v['exec-graph'] !== undefined ? { execGraph: v['exec-graph'] } : {}),
      ...(v.model !== undefined ? { model: v.model } : {}),
      ...(v.label !== undefined ? { label: v.label } : {}),
      ...(v.hardware !== undefined ? { statedHardware: v.hardware } : {}),
      targets: v.target ?? [],
      tags: v.tag ?? [],
    },
  });
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab import openvino' }, async (lab) =>
    printImportedRun(lab, await lab.importOpenvino(request), ctx, { json: v.json === true, tool: 'benchmark_app', filesLine: true }));
}
