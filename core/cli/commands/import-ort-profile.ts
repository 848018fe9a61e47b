import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { importOrtProfile } from '../../lab/import-ort-profile.js';
import { formatProfile } from '../../present/format-profile.js';
import { parseFlags, wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { openWorkspace, workspaceHelp, workspaceOption } from '../workspace-flag.js';

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
  const workspace = values['no-save'] ? undefined : await openWorkspace(values.workspace, ctx);
  const imported = await importOrtProfile({
    tracePath,
    modelPath: values.model ?? null,
    ...(skipRuns !== undefined ? { skipRuns } : {}),
    ...(topN !== undefined ? { topN } : {}),
    ...(values.hardware !== undefined ? { statedHardware: values.hardware } : {}),
    ...(values.label !== undefined ? { label: values.label } : {}),
    ...(workspace ? { workspace } : {}),
  });
  if (values.json) {
    ctx.stdout.write(JSON.stringify(imported.record, null, 2) + '\n');
    return ExitCode.ok;
  }
  const r = imported.record;
  const stated = r.origin?.statedHardware ? ` on ${r.origin.statedHardware} (as stated)` : '';
  ctx.stdout.write(`Imported ONNX Runtime profile: ${tracePath}${stated}\n`);
  ctx.stdout.write(`Model: ${r.model?.fileName ?? 'not given'} · ${r.executionProvider} · ${r.iterations} profiled inferences, model_run p50 ${r.latencyMs.p50.toFixed(3)} ms (profiler on)\n\n`);
  if (!values.model) ctx.stdout.write('No --model given: no FLOPs, kernel sizes or model identity (the trace omits pre-packed weight shapes).\n\n');
  ctx.stdout.write(formatProfile(imported.summary) + '\n');
  ctx.stdout.write(imported.savedPath ? `\nRecorded as ${r.id} (imported, not measured here) in ${workspace?.dir}\n` : '\nNot recorded (--no-save).\n');
  return ExitCode.ok;
}
