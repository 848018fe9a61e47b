import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { LabRequestSchemas } from '../../api/lab-requests.js';
import { parseFlags, wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { printImportedRun } from '../imported-run-output.js';
import { withCliLab } from '../open-cli-lab.js';

export const importTegrastatsHelp = `Usage: edgelab import tegrastats LOG --run ID [flags]

Records a tegrastats log made on a Jetson during a run made elsewhere (a DeepStream pipeline, a
trtexec run) as its own imported record, linked to that run: board power by the same rule as
edgelab's own runs (the total-input rail where the board has one, the sum of its rails where it has
none), energy per frame (the linked run's FPS × the log's duration gives the frames), and CPU load,
clocks, temperatures and power over time on the same charts as edgelab's own telemetry.

Flags
  --run ID                the run the log was recorded during (required; edgelab runs lists them)
  --interval MS           milliseconds between lines, as tegrastats --interval was given (default
                          1000); lines with advancing timestamps set it themselves
  --hardware TEXT         the machine, as you would name it ("Jetson AGX Orin 64GB, JetPack 6.2")
  --label TEXT            a label for the record
${workspaceHelp.trimEnd()}
  --json                  print the record as JSON
`;

const options = {
  run: { type: 'string' },
  interval: { type: 'string' },
  label: { type: 'string' },
  hardware: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...workspaceOption,
} as const;

export async function importTegrastatsCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('import tegrastats', argv, options);
  if (v.help) {
    ctx.stdout.write(importTegrastatsHelp);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) {
    throw new LabError('usage', `edgelab import tegrastats: expected one LOG, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}.`, 'Usage: edgelab import tegrastats run.txt --run RUN_ID');
  }
  if (v.run === undefined) throw new LabError('usage', 'edgelab import tegrastats: no --run given.', 'Name the run the log was recorded during (edgelab runs lists them): --run RUN_ID.');
  const intervalMs = v.interval !== undefined ? wholeNumber('--interval', v.interval, 1) : undefined;
  const { request } = LabRequestSchemas.importTegrastats.parse({
    request: {
      log: positionals[0]!,
      runId: v.run,
      ...(intervalMs !== undefined ? { intervalMs } : {}),
      ...(v.label !== undefined ? { label: v.label } : {}),
      ...(v.hardware !== undefined ? { statedHardware: v.hardware } : {}),
    },
  });
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab import tegrastats' }, async (lab) =>
    printImportedRun(lab, await lab.importTegrastats(request), ctx, { json: v.json === true, tool: 'tegrastats', filesLine: false, judged: false }));
}
