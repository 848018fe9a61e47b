import type { ProviderStatus } from '../api/providers.js';
import { failureOf, type CompletedRun, type RunRecord } from '../api/run-record.js';
import type { ExecutionProvider } from '../api/run-spec.js';
import type { CopySplit } from '../bench/copy-split.js';
import { acceleratorLabel, acceleratorOfRecord } from '../hardware/accelerator.js';
import type { ProfileSummary } from '../profile/profile-summary.js';
import type { GpuClockState } from '../telemetry/gpu-clock-state.js';
import type { GpuEnergy } from '../telemetry/gpu-energy.js';
import type { Reading } from '../telemetry/reading.js';
import type { CheckLine, CheckStatus } from './check-line.js';
import { trtexecCheckLine, type TrtexecProbe } from './trtexec-check.js';

/**
 * `npm run check:gpu`: whether GPU results can be trusted on this machine, on one screen. It starts
 * the GPU providers, benchmarks and profiles a generated model on each that starts (device time,
 * copy split, energy, clocks) and says, line by line, what works and what does not, and why.
 */
export interface GpuCheckResult {
  lines: CheckLine[];
  /** At least one GPU provider benchmarked and profiled with device times. */
  ok: boolean;
  verdict: string;
}

/** What the check uses, so a test can replay recorded output where there is no GPU. */
export interface GpuCheckDeps {
  probeProviders(): Promise<ProviderStatus[]>;
  queryClocks(): Promise<Reading<GpuClockState[]>>;
  /** Benchmark and profile the check model on one provider (telemetry and profile on). */
  runOn(provider: ExecutionProvider): Promise<RunRecord>;
  /** Linux: where the Vulkan loader is (WebGPU runs on Vulkan there), or null when it is missing. */
  vulkanLoader?: () => string | null;
  /** Where trtexec is and what its `--help` says: `--engine trtexec` is how a Jetson's GPU is reached. */
  trtexec?: TrtexecProbe;
  /**
   * What the provider probe wrote to stderr, read once the probe is done. Dawn (WebGPU) prints its
   * Vulkan errors there with a native stack; the probe runs where that output is caught, and the
   * report keeps its message lines, not the stack.
   */
  probeStderr?: () => string;
}

const VULKAN_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu'];

/** The Vulkan loader's path in the usual library folders, or null. */
export function findVulkanLoader(exists: (path: string) => boolean): string | null {
  return VULKAN_DIRS.map((d) => `${d}/libvulkan.so.1`).find(exists) ?? null;
}

/** The providers that put work on a GPU, in the order a reader cares about. */
export const GPU_PROVIDERS: readonly ExecutionProvider[] = ['webgpu', 'cuda', 'tensorrt'];

const line = (status: CheckStatus, item: string, detail: string): CheckLine => ({ status, item, detail });
const pct = (v: number) => `${(v * 100).toFixed(0)} %`;

/** The lines for one provider's finished run: benchmark, profile time base, copy split, energy, clocks. */
export function providerRunLines(provider: string, record: RunRecord): CheckLine[] {
  if (record.state !== 'completed') return [line('fail', `${provider} benchmark`, `${record.state}: ${failureOf(record)?.message ?? 'no per-inference latencies'}`)];
  const run = record as CompletedRun;
  const lines: CheckLine[] = [];
  const accelerator = acceleratorOfRecord(run);
  lines.push(line('ok', `${provider} benchmark`, `p50 ${run.latencyMs.p50.toFixed(3)} ms over ${run.iterations} inferences${accelerator ? ` on ${acceleratorLabel(accelerator)}` : ''}`));

  const profile = run.extras['profile'] as ProfileSummary | undefined;
  if (!profile) lines.push(line('fail', `${provider} profile`, 'no profile was recorded'));
  else if (profile.timeBase === 'device' && profile.device) {
    const d = profile.device;
    const busy = d.busyShare === null ? '' : `, device busy ${pct(d.busyShare)} of the profiled inference`;
    lines.push(line('ok', `${provider} profile`, `device time from ${d.source === 'webgpu-timestamps' ? 'WebGPU timestamps' : 'GPU kernel events'} (${d.events} events)${busy}; top node ${profile.topNodes[0]?.name ?? '-'}`));
  } else {
    lines.push(line('warn', `${provider} profile`, 'host-side times only: this build writes no device timestamps, so node times are dispatch time (see README, "Reading a GPU profile")'));
  }

  const split = run.extras['copySplit'] as Reading<CopySplit> | undefined;
  if (!split) lines.push(line('skip', `${provider} copy split`, 'not measured for this provider'));
  else if (split.available) lines.push(line('ok', `${provider} copy split`, `download ${split.value.downloadMs.toFixed(3)} ms of ${split.value.withDownloadP50Ms.toFixed(3)} ms (${pct(split.value.downloadShare)}) with outputs kept on the device`));
  else lines.push(line('warn', `${provider} copy split`, split.reason));

  const telemetry = run.extras['telemetry'] as { gpuEnergy?: Reading<GpuEnergy>; gpuClocks?: Reading<{ start: GpuClockState[]; end: GpuClockState[] }> } | undefined;
  const energy = telemetry?.gpuEnergy;
  if (!energy) lines.push(line('fail', `${provider} GPU energy`, 'not in the record (telemetry off, or recorded before GPU energy was)'));
  else if (energy.available) lines.push(line('ok', `${provider} GPU energy`, `${(energy.value.joulesPerInference * 1000).toFixed(2)} mJ per inference, ${energy.value.averagePowerW.toFixed(0)} W mean (${energy.value.sensor})`));
  else lines.push(line('fail', `${provider} GPU energy`, energy.reason));

  const clockWarnings = run.warnings.filter((w) => w.code.startsWith('gpu-'));
  const clocks = telemetry?.gpuClocks;
  if (clocks && !clocks.available) lines.push(line('fail', `${provider} GPU clocks`, clocks.reason));
  else if (clockWarnings.length > 0) lines.push(...clockWarnings.map((w) => line('warn', `${provider} GPU clocks`, `${w.code}: ${w.message} ${w.advice}`)));
  else if (clocks?.available) {
    const s = clocks.value.start[0];
    lines.push(line('ok', `${provider} GPU clocks`, `steady${s ? ` (SM ${s.smClockMHz} MHz, memory ${s.memoryClockMHz} MHz, persistence ${s.persistenceMode ?? 'n/a'})` : ''}, no throttle reason active`));
  }
  return lines;
}

export async function runGpuCheck(deps: GpuCheckDeps): Promise<GpuCheckResult> {
  const lines: CheckLine[] = [];
  const clocks = await deps.queryClocks();
  if (clocks.available) {
    for (const g of clocks.value) {
      const identity = `${g.name ?? 'unnamed'}, ${g.memoryTotalMiB ?? '?'} MiB, driver ${g.driverVersion ?? '?'}, persistence ${g.persistenceMode ?? 'n/a'}`;
      // Without persistence mode the driver unloads when no client holds the GPU: each run then pays
      // the driver's start and the clocks' ramp-up, and first-inference times mean little.
      lines.push(g.persistenceMode === 'Disabled'
        ? line('warn', `GPU ${g.index}`, `${identity}: the driver unloads between runs, so cold starts and early iterations include its start. Turn it on: sudo nvidia-smi -pm 1`)
        : line('ok', `GPU ${g.index}`, identity));
    }
  } else {
    lines.push(line('fail', 'NVIDIA driver', `${clocks.reason} Without it there is no GPU energy or clock state.`));
  }

  if (deps.vulkanLoader) {
    const loader = deps.vulkanLoader();
    lines.push(loader
      ? line('ok', 'Vulkan loader', `${loader} (WebGPU on Linux runs through Vulkan)`)
      : line('fail', 'Vulkan loader', 'libvulkan.so.1 not found: there is no Vulkan, so WebGPU finds no GPU adapter here. Install libvulkan1 and the GPU driver\'s Vulkan ICD.'));
  }

  const statuses = await deps.probeProviders();
  const started: ExecutionProvider[] = [];
  for (const name of GPU_PROVIDERS) {
    const s = statuses.find((x) => x.name === name);
    if (!s || !s.inBuild) {
      lines.push(line('skip', `${name} provider`, 'not in this onnxruntime-node build'));
    } else if (s.starts) {
      started.push(name);
      lines.push(line('ok', `${name} provider`, `starts (${s.probeMs?.toFixed(0) ?? '?'} ms probe)`));
    } else {
      const vulkan = name === 'webgpu' && /adapter/i.test(s.reason ?? '') && process.platform === 'linux'
        ? ' On Linux WebGPU runs through Vulkan: install the Vulkan loader (libvulkan1) and the GPU driver\'s Vulkan ICD, then check with vulkaninfo --summary.'
        : '';
      lines.push(line(s.bundled ? 'fail' : 'skip', `${name} provider`, `does not start: ${(s.reason ?? 'unknown reason').trim().replace(/\.$/, '')}.${vulkan}${s.advice && !vulkan ? ` ${s.advice}` : ''}`));
    }
  }

  const stderr = nativeMessage(deps.probeStderr?.() ?? '');
  if (stderr) lines.push(line('warn', 'probe stderr', stderr));
  const trtexec = deps.trtexec ? await trtexecCheckLine(deps.trtexec) : null;
  if (trtexec) lines.push(trtexec);

  let profiled = false;
  for (const provider of started) {
    const record = await deps.runOn(provider);
    const providerLines = providerRunLines(provider, record);
    lines.push(...providerLines);
    if (providerLines.some((l) => l.item === `${provider} profile` && l.status === 'ok')) profiled = true;
  }

  const ok = profiled;
  const verdict = ok
    ? `GPU results can be trusted here on ${started.join(', ')}${lines.some((l) => l.status === 'warn' || l.status === 'fail') ? ', with the warnings above' : ''}.`
    : started.length > 0
      ? `A GPU provider starts (${started.join(', ')}) but no run gave device times: GPU profiles here are host-side only.`
      : trtexec?.status === 'ok'
        ? 'No ONNX Runtime GPU provider starts on this machine: measure the GPU with --engine trtexec (TensorRT), which runs here.'
        : `No GPU provider starts on this machine${clocks.available ? '' : ' and there is no NVIDIA driver (nvidia-smi)'}: runs here measure the CPU only.`;
  return { lines, ok, verdict };
}

/** A native log's message lines without its stack frames (`    at …`), on one line. */
export function nativeMessage(text: string): string {
  const messages = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^at\s/.test(l));
  const joined = messages.slice(0, 3).join(' | ');
  return joined.length > 300 ? `${joined.slice(0, 299)}…` : joined;
}

const mark: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: '-   ' };

/** One screen: one line per check, then the verdict. */
export function formatGpuCheck(result: GpuCheckResult): string {
  const width = Math.max(...result.lines.map((l) => l.item.length));
  return [
    'edgelab GPU check',
    '',
    ...result.lines.map((l) => `${mark[l.status]}  ${l.item.padEnd(width)}  ${l.detail}`),
    '',
    `Verdict: ${result.verdict}`,
  ].join('\n') + '\n';
}
