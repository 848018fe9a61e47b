import type { Command } from '../context.js';

/**
 * Each command's module is loaded when that command runs, not at start: `edgelab --help` must not pay
 * for ONNX Runtime, sharp, zod schemas and the report renderers (Node itself starts in ~30 ms).
 */
export const commands: Record<string, () => Promise<Command>> = {
  bench: () => import('./bench.js').then((m) => m.benchCommand),
  profile: () => import('./profile.js').then((m) => m.profileCommand),
  sweep: () => import('./sweep.js').then((m) => m.sweepCommand),
  eval: () => import('./eval.js').then((m) => m.evalCommand),
  parity: () => import('./parity.js').then((m) => m.parityCommand),
  inspect: () => import('./inspect.js').then((m) => m.inspectCommand),
  providers: () => import('./providers.js').then((m) => m.providersCommand),
  hw: () => import('./hw.js').then((m) => m.hwCommand),
  run: () => import('./run.js').then((m) => m.runCommand),
  runs: () => import('./runs.js').then((m) => m.runsCommand),
  report: () => import('./report.js').then((m) => m.reportCommand),
  compare: () => import('./compare.js').then((m) => m.compareCommand),
  ladder: () => import('./ladder.js').then((m) => m.ladderCommand),
  adr: () => import('./adr.js').then((m) => m.adrCommand),
  price: () => import('./price.js').then((m) => m.priceCommand),
  brief: () => import('./brief.js').then((m) => m.briefCommand),
  serve: () => import('./serve.js').then((m) => m.serveCommand),
  demo: () => import('./demo.js').then((m) => m.demoCommand),
  export: () => import('./export.js').then((m) => m.exportCommand),
  import: () => import('./import.js').then((m) => m.importCommand),
  ci: () => import('./ci.js').then((m) => m.ciCommand),
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
  price             hardware prices you state per kind of machine: set, list
  brief             a one-page brief for the reader who decides, and its sign-off
  serve             the lab in a browser: LabApi over HTTP on 127.0.0.1 with a token
  demo              benchmark the bundled MobileNet-style demo model against realtime-30
  export mlflow|dvc recorded runs into an MLflow tracking server, or DVC metrics and plots files
  import TOOL ...   another tool's results as an imported run: trtexec LOG/--times, ort-profile TRACE --model MODEL
  ci init ENGINE    a GitHub or GitLab workflow: the suite on each device's runner, bundles merged, one gate

Exit codes: 0 ok/pass · 1 a target failed · 2 bad input or usage · 3 runtime error · 4 inconclusive · 130 cancelled
`;
