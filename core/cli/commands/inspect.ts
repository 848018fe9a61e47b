import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { openModelLab } from '../../lab/open-lab.js';
import { formatModelInfo } from '../../present/format-model-info.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';

export async function inspectCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseFlags('inspect', argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    ctx.stdout.write('Usage: edgelab inspect MODEL [--json]\n\nReads an .onnx file: IR version, opsets, producer, inputs and outputs with dtypes and dims, op histogram, parameters by dtype, external data, SHA-256.\n');
    return ExitCode.ok;
  }
  if (positionals.length !== 1) throw new LabError('usage', 'edgelab inspect: expected one model path.', 'Usage: edgelab inspect MODEL.onnx [--json]');
  const info = await openModelLab().inspectModel(positionals[0] as string);
  ctx.stdout.write(values.json ? JSON.stringify(info, null, 2) + '\n' : formatModelInfo(info) + '\n');
  return ExitCode.ok;
}
