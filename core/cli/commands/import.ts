import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { CommandContext } from '../context.js';
import type { Command } from './index.js';

/** The tools whose output `edgelab import` reads, each loaded when used. */
const importers: Record<string, () => Promise<Command>> = {
  'ort-profile': () => import('./import-ort-profile.js').then((m) => m.importOrtProfileCommand),
};

const importHelp = `Usage: edgelab import TOOL FILE [flags]

Records another tool's output as an imported run: analysed like a measured one, kept apart from it.

  ort-profile TRACE.json --model MODEL.onnx   an ONNX Runtime profile made elsewhere

edgelab import TOOL --help shows each tool's flags.
`;

export async function importCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [tool, ...rest] = argv;
  if (!tool || tool === '--help' || tool === '-h') {
    ctx.stdout.write(importHelp);
    return tool ? ExitCode.ok : ExitCode.usage;
  }
  const load = importers[tool];
  if (!load) {
    throw new LabError('usage', `edgelab import: unknown tool '${tool}'.`, `Tools: ${Object.keys(importers).join(', ')}. See \`edgelab import --help\`.`);
  }
  return (await load())(rest, ctx);
}
