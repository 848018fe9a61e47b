import type { CommandContext } from '../context.js';
import { adrCommand } from './adr.js';
import { benchCommand } from './bench.js';
import { compareCommand } from './compare.js';
import { demoCommand } from './demo.js';
import { evalCommand } from './eval.js';
import { hwCommand } from './hw.js';
import { inspectCommand } from './inspect.js';
import { ladderCommand } from './ladder.js';
import { parityCommand } from './parity.js';
import { profileCommand } from './profile.js';
import { providersCommand } from './providers.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { runsCommand } from './runs.js';
import { serveCommand } from './serve.js';
import { sweepCommand } from './sweep.js';

export type Command = (argv: string[], ctx: CommandContext) => Promise<number>;

export const commands: Record<string, Command> = {
  bench: benchCommand,
  profile: profileCommand,
  sweep: sweepCommand,
  eval: evalCommand,
  parity: parityCommand,
  inspect: inspectCommand,
  providers: providersCommand,
  hw: hwCommand,
  run: runCommand,
  runs: runsCommand,
  report: reportCommand,
  compare: compareCommand,
  ladder: ladderCommand,
  adr: adrCommand,
  serve: serveCommand,
  demo: demoCommand,
};

export const usage = `edgelab — own your model's inference performance on your own hardware

Usage: edgelab COMMAND [flags]      (edgelab COMMAND --help for its flags)

  bench MODEL       single-stream latency benchmark: cold start, warm-up, timed loop, targets
  profile MODEL     bench plus an op-level profile: breakdown, FLOPs, roofline, bottlenecks
  sweep MODEL       batch × threads × provider as linked runs, a table and the best configuration
  eval MODEL        expected outputs (--test-data DIR) or accuracy (--images DIR --labels FILE)
  parity MODEL [B]  output drift between two variants or two providers (--ep A --ep B)
  inspect MODEL     what an .onnx file holds: inputs/outputs, opsets, ops, parameters, SHA-256
  providers         execution providers in this build and which start on this machine
  hw                this machine: CPU, memory, GPUs, Jetson, fingerprint
  run SUITE         a benchmark suite (YAML/JSON) as a CI gate; exits by the verdicts
  runs              recorded runs: list, show ID, verify
  report RUN...     a report of runs: md, html, json, csv, junit
  compare A B       two runs side by side, with significance
  ladder            career ladder: status, assess, attest, explain, labs, export
  adr               architecture decision records: new, list
  serve             the lab in a browser: LabApi over HTTP on 127.0.0.1 with a token
  demo              benchmark the bundled demo model (what \`npm start\` runs)

Exit codes: 0 ok/pass · 1 a target failed · 2 bad input or usage · 3 runtime error · 4 inconclusive · 130 cancelled
`;
