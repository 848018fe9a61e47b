/**
 * `npm run check:gpu`: can GPU results be trusted on this machine? Probes the providers, then on each
 * GPU provider that starts benchmarks and profiles the generated MobileNet-style model (telemetry
 * and profile on: device time, copy split, nvidia-smi energy and clocks), checks that trtexec is found
 * and runs, and prints one screen of
 * what works and what does not. Exit 0 when a GPU provider gave device-timed results, 1 when none did.
 *
 *   npm run check:gpu [-- --iterations 200]
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { findVulkanLoader, formatGpuCheck, runGpuCheck } from '../core/lab/gpu-check.js';
import { recordRun } from '../core/measure/record-run.js';
import { packageRoot } from '../core/package-root.js';
import { locateTrtexec } from '../core/engines/trtexec/locate-trtexec.js';
import { runTrtexec } from '../core/engines/trtexec/spawn-trtexec.js';
import { probeProvidersInRunner } from '../core/lab/probe-in-runner.js';
import { forkRunner } from '../core/runner/fork-runner.js';
import type { RunnerLauncher } from '../core/runner/runner-process.js';
import { queryGpuClockState } from '../core/telemetry/gpu-clock-state.js';
import { generateModel } from '../models/generate.js';

const { values } = parseArgs({ options: { iterations: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('Usage: npm run check:gpu [-- --iterations N]\n\nProviders, a WebGPU (and CUDA where installed) benchmark and profile of a generated model, the copy split, GPU energy and clocks, on one screen.');
  process.exit(0);
}
const iterations = Number(values.iterations ?? 200);
if (!Number.isInteger(iterations) || iterations < 1) {
  console.error(`--iterations ${values.iterations}: expected a whole number ≥ 1.`);
  process.exit(2);
}

// The probe runs in a runner process, as the app's does: Dawn writes its Vulkan errors with a
// native stack straight to stderr, which in-process would land on the terminal above the report.
// The runner's stderr is caught instead, and the report keeps its message lines.
let probeStderr = '';
let probeExited: Promise<void> = Promise.resolve();
const probeLauncher: RunnerLauncher = () => {
  let exited = () => {};
  probeExited = new Promise((resolve) => (exited = resolve));
  const runner = forkRunner();
  return {
    get pid() {
      return runner.pid;
    },
    send: (message) => runner.send(message),
    onMessage: (listener) => runner.onMessage(listener),
    onExit: (listener) => runner.onExit((exit) => {
      probeStderr = exit.stderrTail;
      listener(exit);
      exited();
    }),
    kill: () => runner.kill(),
  };
};

const model = await generateModel('mobilenet-style', path.join(packageRoot(), 'models', 'generated'));
const result = await runGpuCheck({
  // The runner exits right after its answer; its stderr is complete only then.
  probeProviders: async () => {
    const statuses = await probeProvidersInRunner(probeLauncher);
    await probeExited;
    return statuses;
  },
  probeStderr: () => probeStderr,
  trtexec: {
    locate: () => locateTrtexec(undefined),
    help: (executable) => runTrtexec(executable, ['--help'], { cwd: tmpdir() }),
  },
  queryClocks: () => queryGpuClockState(),
  ...(process.platform === 'linux' ? { vulkanLoader: () => findVulkanLoader(existsSync) } : {}),
  runOn: async (provider) => (await recordRun({
    model,
    label: `check:gpu ${provider}`,
    inputs: { kind: 'synthetic', seed: 1, poolSize: 4, dims: { batch: 1 }, shapes: {} },
    session: { executionProviders: [provider] },
    scenario: { kind: 'single-stream', warmup: { iterations: 20 }, iterations },
    profile: true,
    telemetry: true,
  })).record,
});
process.stdout.write(formatGpuCheck(result));
process.exitCode = result.ok ? 0 : 1;
