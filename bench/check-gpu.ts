/**
 * `npm run check:gpu`: can GPU results be trusted on this machine? Probes the providers, then on each
 * GPU provider that starts benchmarks and profiles the generated MobileNet-style model (telemetry
 * and profile on: device time, copy split, nvidia-smi energy and clocks) and prints one screen of
 * what works and what does not. Exit 0 when a GPU provider gave device-timed results, 1 when none did.
 *
 *   npm run check:gpu [-- --iterations 200]
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { findVulkanLoader, formatGpuCheck, runGpuCheck } from '../core/lab/gpu-check.js';
import { recordRun } from '../core/lab/record-run.js';
import { packageRoot } from '../core/package-root.js';
import { probeProviders } from '../core/runtime/providers.js';
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

const model = await generateModel('mobilenet-style', path.join(packageRoot(), 'models', 'generated'));
const result = await runGpuCheck({
  probeProviders,
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
