import path from 'node:path';
import { ExitCode } from '../../api/exit-codes.js';
import { RunSpecSchema } from '../../api/run-spec.js';
import type { CommandContext } from '../context.js';
import { runAndReport } from '../run-and-report.js';
import { parseFlags } from '../args.js';
import { workspaceOption } from '../workspace-flag.js';

const options = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...workspaceOption } as const;

/**
 * The main job on an embedded default, for a first try from a terminal: a benchmark of the bundled
 * MobileNet-style demo model against a 30 FPS budget, with its report printed. (`npm start` opens
 * the app, or the lab in a browser; it does not run this.)
 */
export async function demoCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v } = parseFlags('demo', argv, options, false);
  if (v.help) {
    ctx.stdout.write('Usage: edgelab demo [--json] [--workspace DIR]\n\nBenchmarks the bundled MobileNet-style demo model (batch 1, 224×224) against realtime-30 and prints the report.\n');
    return ExitCode.ok;
  }
  return runAndReport(async (lab) => {
    const spec = RunSpecSchema.parse(await lab.demoSpec());
    ctx.stderr.write(`Demo: benchmarking ${path.relative(process.cwd(), spec.model) || spec.model} (batch 1, CPU) against realtime-30.\n`);
    return spec;
  }, { json: Boolean(v.json), save: true, command: 'edgelab demo', ...(v.workspace ? { workspace: v.workspace } : {}) }, ctx);
}
