import { LabError } from '../../api/errors.js';
import { importedRunFlags } from '../import-flags.js';
import { ExitCode } from '../../api/exit-codes.js';
import { LabRequestSchemas } from '../../api/lab-requests.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { workspaceHelp } from '../workspace-flag.js';
import { printImportedRun } from '../imported-run-output.js';
import { withCliLab } from '../open-cli-lab.js';

export const importTrtexecHelp = `Usage: edgelab import trtexec [LOG] [--times F] [--profile F] [--layer-info F] [flags]

Records a trtexec run made elsewhere as imported evidence. Give what trtexec wrote:
  LOG                     its console output (trtexec … 2>&1 | tee run.log): TensorRT version,
                          device, precision, data transfers, engine build/load time, warnings.
                          Alone, it is recorded summary-only: the figures its performance summary
                          states, no intervals, verdicts only on the percentiles it printed
  --times F               --exportTimes=F: every timed iteration (a completed run: statistics,
                          intervals and verdicts on any percentile are computed from it)
  --profile F             --exportProfile=F: the per-layer profile (the profile section)
  --layer-info F          --exportLayerInfo=F: layer types, precisions, GPU/DLA placement
A LOG that ends in &&&& FAILED or stops mid-build is recorded as a failed imported run.

Flags
  --model FILE            the ONNX file the engine was built from, to fingerprint it in the record
  --target EXPR           a target to judge the imported latencies against (repeatable)
  --hardware TEXT         the machine, as you would name it ("Jetson AGX Orin 64GB, JetPack 6.2"); stored
                          as stated, beside the device the log names
  --label TEXT            a label for the run
  --tag TEXT              a tag (repeatable)
${workspaceHelp.trimEnd()}
  --json                  print the record as JSON
`;

const options = {
  times: { type: 'string' },
  profile: { type: 'string' },
  'layer-info': { type: 'string' },
  model: { type: 'string' },
  ...importedRunFlags,
} as const;

export async function importTrtexecCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('import trtexec', argv, options);
  if (v.help) {
    ctx.stdout.write(importTrtexecHelp);
    return ExitCode.ok;
  }
  if (positionals.length > 1) {
    throw new LabError('usage', `edgelab import trtexec: expected at most one LOG, got ${positionals.length}: ${positionals.join(' ')}.`, 'Give the exports with --times, --profile and --layer-info.');
  }
  // The request the app's Import screen sends, checked before the workspace is opened: a typo must not create or touch anything.
  const { request } = LabRequestSchemas.importTrtexec.parse({
    request: {
      ...(positionals[0] !== undefined ? { log: positionals[0] } : {}),
      ...(v.times !== undefined ? { times: v.times } : {}),
      ...(v.profile !== undefined ? { profile: v.profile } : {}),
      ...(v['layer-info'] !== undefined ? { layerInfo: v['layer-info'] } : {}),
      ...(v.model !== undefined ? { model: v.model } : {}),
      ...(v.label !== undefined ? { label: v.label } : {}),
      ...(v.hardware !== undefined ? { statedHardware: v.hardware } : {}),
      tags: v.tag ?? [],
      targets: v.target ?? [],
    },
  });
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab import trtexec' }, async (lab) =>
    printImportedRun(lab, await lab.importTrtexec(request), ctx, { json: v.json === true, tool: 'trtexec', filesLine: true }));
}
