import { ExitCode } from '../../api/exit-codes.js';
import { formatHardware } from '../../present/format-hardware.js';
import { readHardware } from '../../hardware/read-hardware.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';

export async function hwCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseFlags('hw', argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    ctx.stdout.write('Usage: edgelab hw [--json]\n\nThe machine runs are recorded against: CPU, memory, OS, GPUs, Jetson model/L4T/power mode, ONNX Runtime and its providers, device class and the fingerprint every record stores.\n');
    return ExitCode.ok;
  }
  const info = await readHardware();
  ctx.stdout.write(values.json ? JSON.stringify(info, null, 2) + '\n' : formatHardware(info) + '\n');
  return ExitCode.ok;
}
