import type { CommandContext } from '../context.js';
import { benchCommand } from './bench.js';
import { demoCommand } from './demo.js';
import { inspectCommand } from './inspect.js';
import { providersCommand } from './providers.js';

export type Command = (argv: string[], ctx: CommandContext) => Promise<number>;

export const commands: Record<string, Command> = {
  bench: benchCommand,
  inspect: inspectCommand,
  providers: providersCommand,
  demo: demoCommand,
};

export const usage = `edgelab — own your model's inference performance on your own hardware

Usage: edgelab COMMAND [flags]      (edgelab COMMAND --help for its flags)

  bench MODEL       single-stream latency benchmark: cold start, warm-up, timed loop, targets
  inspect MODEL     what an .onnx file holds: inputs/outputs, opsets, ops, parameters, SHA-256
  providers         execution providers in this build and which start on this machine
  demo              benchmark the bundled demo model (what \`npm start\` runs)

Exit codes: 0 ok/pass · 1 a target failed · 2 bad input or usage · 3 runtime error · 4 inconclusive · 130 cancelled
`;
