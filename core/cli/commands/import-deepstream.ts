import { LabError } from '../../api/errors.js';
import { importedRunFlags } from '../import-flags.js';
import { ExitCode } from '../../api/exit-codes.js';
import { LabRequestSchemas } from '../../api/lab-requests.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { workspaceHelp } from '../workspace-flag.js';
import { printImportedRun } from '../imported-run-output.js';
import { withCliLab } from '../open-cli-lab.js';

export const importDeepstreamHelp = `Usage: edgelab import deepstream LOG [flags]

Records a DeepStream pipeline run as imported evidence, from what deepstream-app (or a
deepstream-test app) printed: deepstream-app -c config.txt 2>&1 | tee run.log. edgelab builds no
pipelines; it reads the log, in bounded memory however long it is:
  **PERF: lines           FPS per stream per interval and its average ([application]
                          enable-perf-measurement=1)
  latency lines           per-frame latency and each component's in/out times
                          (NVDS_ENABLE_LATENCY_MEASUREMENT=1, NVDS_ENABLE_COMPONENT_LATENCY_MEASUREMENT=1)
  nvinfer lines           the TensorRT engine, its bindings and (from its file name) precision
The run has no per-inference samples: it is recorded as observed, with no latency intervals.
A log that ends in "App run failed", or holds no measurement, is recorded as a failed run.

Flags
  --target EXPR           fps>=30 (every stream's average FPS), pipeline-fps>=120 (their sum);
                          repeatable
  --hardware TEXT         the machine, as you would name it ("Jetson AGX Orin 64GB, JetPack 6.2")
  --label TEXT            a label for the run
  --tag TEXT              a tag (repeatable)
${workspaceHelp.trimEnd()}
  --json                  print the record as JSON
`;

const options = {
  ...importedRunFlags,
} as const;

export async function importDeepstreamCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('import deepstream', argv, options);
  if (v.help) {
    ctx.stdout.write(importDeepstreamHelp);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) {
    throw new LabError('usage', `edgelab import deepstream: expected one LOG, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}.`, 'Usage: edgelab import deepstream run.log [--target fps>=30]');
  }
  const { request } = LabRequestSchemas.importDeepstream.parse({
    request: {
      log: positionals[0]!,
      ...(v.target !== undefined ? { targets: v.target } : {}),
      ...(v.label !== undefined ? { label: v.label } : {}),
      ...(v.hardware !== undefined ? { statedHardware: v.hardware } : {}),
      ...(v.tag !== undefined ? { tags: v.tag } : {}),
    },
  });
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab import deepstream' }, async (lab) =>
    printImportedRun(lab, await lab.importDeepstream(request), ctx, { json: v.json === true, tool: 'DeepStream', filesLine: false }));
}
