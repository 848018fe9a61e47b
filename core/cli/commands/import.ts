import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { Command, CommandContext } from '../context.js';

/**
 * `edgelab import TOOL …`: results another tool wrote, recorded as imported evidence. One
 * subcommand per tool, each in its own module, loaded when it runs (as commands are).
 */
export const importers: Record<string, { summary: string; load: () => Promise<Command> }> = {
  trtexec: { summary: 'a trtexec run: its log, --exportTimes, --exportProfile, --exportLayerInfo files', load: () => import('./import-trtexec.js').then((m) => m.importTrtexecCommand) },
  openvino: { summary: 'an OpenVINO benchmark_app run: its stdout, benchmark_report.csv, counters, exec graph', load: () => import('./import-openvino.js').then((m) => m.importOpenvinoCommand) },
  'ort-profile': { summary: 'an ONNX Runtime profile made elsewhere: TRACE.json[.gz] --model MODEL.onnx', load: () => import('./import-ort-profile.js').then((m) => m.importOrtProfileCommand) },
  deepstream: { summary: 'a DeepStream pipeline\'s log: **PERF: FPS per stream, latency lines, nvinfer engines', load: () => import('./import-deepstream.js').then((m) => m.importDeepstreamCommand) },
  tegrastats: { summary: 'a tegrastats log made during a run made elsewhere: LOG --run ID', load: () => import('./import-tegrastats.js').then((m) => m.importTegrastatsCommand) },
};

export const importHelp = () => `Usage: edgelab import TOOL [files] [flags]

Records results made without edgelab (on a machine it never ran on) as an imported run: listed,
reported and compared apart from measured runs, and never counted for a measured ladder item. The
files are copied beside the record and held to their SHA-256 by \`edgelab runs verify\`.

${Object.entries(importers).map(([name, i]) => `  ${name.padEnd(14)}${i.summary}`).join('\n')}

edgelab import TOOL --help for its flags.
`;

export async function importCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [tool, ...rest] = argv;
  if (tool === '--help' || tool === '-h') {
    ctx.stdout.write(importHelp());
    return ExitCode.ok;
  }
  if (tool === undefined) {
    throw new LabError('usage', 'edgelab import: no tool named.', `Name whose files to import: ${Object.keys(importers).join(', ')} (e.g. edgelab import trtexec run.log --times times.json). See \`edgelab import --help\`.`);
  }
  const importer = importers[tool];
  if (!importer) {
    throw new LabError('usage', `edgelab import: unknown tool '${tool}'.`, `Known: ${Object.keys(importers).join(', ')}. See \`edgelab import --help\`.`);
  }
  return (await importer.load())(rest, ctx);
}
