import { ExitCode } from '../../api/exit-codes.js';
import { formatHardware } from '../../present/format-hardware.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { openCliLab } from '../open-cli-lab.js';

export async function hwCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseFlags('hw', argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    ctx.stdout.write('Usage: edgelab hw [--json]\n\nThe machine runs are recorded against: CPU, memory, OS, GPUs, Jetson model/L4T/power mode, ONNX Runtime and its providers, device class and the fingerprint every record stores.\n');
    return ExitCode.ok;
  }
  const lab = await openCliLab(ctx, { workspace: undefined, command: 'edgelab hw', readOnly: true });
  try {
    // The lab adds the rows it shows in the app (`summaryRows`); the JSON is the machine's facts alone.
    const { summaryRows: _rows, ...info } = await lab.hardware();
    ctx.stdout.write(values.json ? JSON.stringify(info, null, 2) + '\n' : formatHardware(info as unknown as Parameters<typeof formatHardware>[0]) + '\n');
  } finally {
    await lab.close();
  }
  return ExitCode.ok;
}
