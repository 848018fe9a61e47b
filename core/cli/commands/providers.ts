import { ExitCode } from '../../api/exit-codes.js';
import { formatProviders } from '../../present/format-providers.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { openCliLab } from '../open-cli-lab.js';

export async function providersCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseFlags('providers', argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    ctx.stdout.write('Usage: edgelab providers [--json]\n\nLists the execution providers this ONNX Runtime build has and starts each on a one-node model to show which work here.\n');
    return ExitCode.ok;
  }
  // The in-process lab probes in this process, as this command always has.
  const lab = await openCliLab(ctx, { workspace: undefined, command: 'edgelab providers', readOnly: true });
  try {
    const statuses = await lab.providers();
    ctx.stdout.write(values.json ? JSON.stringify(statuses, null, 2) + '\n' : formatProviders(statuses) + '\n');
  } finally {
    await lab.close();
  }
  return ExitCode.ok;
}
