import { ExitCode } from '../../api/exit-codes.js';
import type { CommandContext } from '../context.js';
import { runAndReport } from '../run-and-report.js';
import { benchHelp, benchSpecFromArgs } from './bench.js';

export const profileHelp = `Usage: edgelab profile MODEL [bench flags]

Where the time goes: a benchmark (as edgelab bench) followed by a separate pass with ONNX Runtime's
profiler, so the headline numbers carry no profiler overhead. Prints the per-node and per-op-type
breakdown (time, share, provider, shapes), FLOPs and achieved GFLOP/s, a roofline call against this
machine's measured peaks, and typed bottleneck findings with advice. The Chrome-trace JSON is kept
beside the run record (it opens in Perfetto).

On a GPU provider the node times are the device's own (WebGPU timestamps, GPU kernel events) with
the host-side dispatch time beside them, the device's busy share of each inference, and (WebGPU,
CUDA) the copy split: the share of the inference spent downloading outputs. A trace made elsewhere
is analysed the same way by edgelab import ort-profile.

Takes every flag of edgelab bench:

${benchHelp.split('\n').slice(3).join('\n')}`;

export async function profileCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const parsed = benchSpecFromArgs(argv, 'profile');
  if (parsed.help) {
    ctx.stdout.write(profileHelp);
    return ExitCode.ok;
  }
  return runAndReport(parsed.spec, parsed.output, ctx);
}
