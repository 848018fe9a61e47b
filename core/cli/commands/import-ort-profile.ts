import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { LabRequestSchemas } from '../../api/lab-requests.js';
import type { CompletedRun } from '../../api/run-record.js';
import { formatProfile } from '../../present/format-profile.js';
import { parseFlags, wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { withCliLab } from '../open-cli-lab.js';

export const importOrtProfileHelp = `Usage: edgelab import ort-profile TRACE.json --model MODEL.onnx [flags]

Analyses an ONNX Runtime profile made elsewhere (Python onnxruntime-gpu on a Jetson,
onnxruntime_perf_test -p, another machine) with the same breakdown, device-time rules and findings as
edgelab profile, and records it as an imported run: kept apart from measured runs everywhere, and
never checking a measured ladder item. The trace may be gzipped (.json.gz).

  --model FILE          the .onnx file the trace was made with (graph attributes, weight shapes,
                        FLOPs, and the model's SHA-256 in the record); strongly advised
  --skip-runs N         model_run events to leave out at the start (default 1: the first pays
                        one-off allocations)
  --top N               nodes kept in the summary (default 10)
  --hardware TEXT       the machine the trace was made on, as you would name it
                        ("Jetson AGX Orin 64GB, JetPack 6.2"); stored as stated, not verified
  --label TEXT          a label for the run
  --json                print the imported record as JSON
  --no-save             analyse only; record nothing
${workspaceHelp}`;

export async function importOrtProfileCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('import ort-profile', argv, {
    model: { type: 'string' },
    'skip-runs': { type: 'string' },
    top: { type: 'string' },
    hardware: { type: 'string' },
    label: { type: 'string' },
    json: { type: 'boolean' },
    'no-save': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    ...workspaceOption,
  });
  if (values.help) {
    ctx.stdout.write(importOrtProfileHelp);
    return ExitCode.ok;
  }
  const [tracePath, ...extra] = positionals;
  if (!tracePath) throw new LabError('usage', 'edgelab import ort-profile: no trace given.', 'Usage: edgelab import ort-profile TRACE.json --model MODEL.onnx');
  if (extra.length > 0) throw new LabError('usage', `edgelab import ort-profile: one trace at a time; also got ${extra.join(', ')}.`, 'Import each trace with its own command.');
  // Flags are checked before the workspace is opened: a typo must not create or touch anything.
  const skipRuns = values['skip-runs'] !== undefined ? wholeNumber('--skip-runs', values['skip-runs']) : undefined;
  const topN = values.top !== undefined ? wholeNumber('--top', values.top, 1) : undefined;
  const { request } = LabRequestSchemas.importOrtProfile.parse({
    request: {
      trace: tracePath,
      ...(values.model !== undefined ? { model: values.model } : {}),
      ...(skipRuns !== undefined ? { skipRuns } : {}),
      ...(topN !== undefined ? { top: topN } : {}),
      ...(values.hardware !== undefined ? { statedHardware: values.hardware } : {}),
      ...(values.label !== undefined ? { label: values.label } : {}),
      ...(values['no-save'] ? { save: false } : {}),
    },
  });
  return withCliLab(ctx, { workspace: values.workspace, command: 'edgelab import ort-profile' }, async (lab) => {
    const imported = await lab.importOrtProfile(request);
    const r = (imported.unsaved ?? (await lab.run(imported.runId))) as CompletedRun;
    if (values.json) {
      ctx.stdout.write(JSON.stringify(r, null, 2) + '\n');
      return ExitCode.ok;
    }
    const stated = r.origin?.statedHardware ? ` on ${r.origin.statedHardware} (as stated)` : '';
    ctx.stdout.write(`Imported ONNX Runtime profile: ${tracePath}${stated}\n`);
    ctx.stdout.write(`Model: ${r.model?.fileName ?? 'not given'} · ${r.executionProvider} · ${r.iterations} profiled inferences, model_run p50 ${r.latencyMs.p50.toFixed(3)} ms (profiler on)\n\n`);
    if (!values.model) ctx.stdout.write('No --model given: no FLOPs, kernel sizes or model identity (the trace omits pre-packed weight shapes).\n\n');
    // The summary the record keeps is the one the lab analysed: the same text as `edgelab profile` prints.
    ctx.stdout.write(formatProfile(r.extras.profile as Parameters<typeof formatProfile>[0]) + '\n');
    ctx.stdout.write(imported.workspace !== null ? `\nRecorded as ${r.id} (imported, not measured here) in ${imported.workspace}\n` : '\nNot recorded (--no-save).\n');
    return ExitCode.ok;
  });
}
