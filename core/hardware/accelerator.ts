/**
 * The accelerator a run used, named in the record beside the CPU: a GPU run that names only the CPU
 * cannot be compared, reproduced or trusted. Pure functions over plain data, so the report, the CLI
 * header and the run list all name it the same way.
 */
export interface AcceleratorInfo {
  /** The execution provider that ran on it ('webgpu', 'cuda' …). */
  provider: string;
  /** The GPU as its driver names it, e.g. 'NVIDIA H200'. */
  name: string;
  memoryMiB: number | null;
  driverVersion: string | null;
  /** The adapter as the provider reports it (e.g. a WebGPU adapter description); null when it does not. */
  adapter: string | null;
  /** Where the names come from: nvidia-smi at run time, the system's GPU list, or the user's words (imports). */
  source: 'nvidia-smi' | 'system' | 'stated';
}

/** Providers that run on a GPU or NPU rather than the CPU. */
const CPU_PROVIDERS = new Set(['cpu', 'xnnpack', 'CPUExecutionProvider']);
export const isAcceleratorProvider = (provider: string | null | undefined): boolean => provider !== null && provider !== undefined && !CPU_PROVIDERS.has(provider);

interface NvidiaGpu { name: string | null; memoryTotalMiB: number | null; driverVersion: string | null }
interface SystemGpu { vendor?: unknown; model?: unknown; vramMiB?: unknown }

/**
 * The accelerator from what was read during the run: nvidia-smi's view of the GPU when there is one
 * (model, memory and driver from the driver itself), else the first GPU the system lists.
 */
export function describeAccelerator(provider: string, nvidia: readonly NvidiaGpu[] | null, hardware: Record<string, unknown> | null): AcceleratorInfo | null {
  if (!isAcceleratorProvider(provider)) return null;
  const gpu = nvidia?.find((g) => g.name !== null);
  if (gpu?.name) {
    return { provider, name: gpu.name, memoryMiB: gpu.memoryTotalMiB, driverVersion: gpu.driverVersion, adapter: null, source: 'nvidia-smi' };
  }
  const listed = Array.isArray(hardware?.['gpus']) ? (hardware['gpus'] as SystemGpu[]) : [];
  // Prefer a discrete NVIDIA/AMD card over an integrated or virtual display adapter.
  const system = listed.find((g) => typeof g.vendor === 'string' && /nvidia|amd|advanced micro/i.test(g.vendor)) ?? listed[0];
  if (!system || typeof system.model !== 'string' || system.model === '') return null;
  return { provider, name: system.model, memoryMiB: typeof system.vramMiB === 'number' ? system.vramMiB : null, driverVersion: null, adapter: null, source: 'system' };
}

interface RecordLike {
  state: string;
  executionProvider?: string;
  hardware: Record<string, unknown> | null;
  extras: Record<string, unknown>;
  origin?: { statedHardware: string | null } | undefined;
}

/**
 * The accelerator a record names: `extras.accelerator` when the run stored it; for older GPU runs,
 * the GPU its hardware lists; for an imported run, the machine as the user stated it.
 */
export function acceleratorOfRecord(record: RecordLike): AcceleratorInfo | null {
  const stored = record.extras['accelerator'];
  if (stored && typeof stored === 'object' && typeof (stored as AcceleratorInfo).name === 'string') return stored as AcceleratorInfo;
  const provider = record.state === 'completed' ? record.executionProvider : undefined;
  if (!isAcceleratorProvider(provider)) return null;
  if (record.origin) {
    return record.origin.statedHardware ? { provider: provider as string, name: record.origin.statedHardware, memoryMiB: null, driverVersion: null, adapter: null, source: 'stated' } : null;
  }
  return describeAccelerator(provider as string, null, record.hardware);
}

/** 'NVIDIA H200, 140 GiB, driver 590.48.01 (webgpu)'. */
export function acceleratorLabel(a: AcceleratorInfo): string {
  const memory = a.memoryMiB === null ? '' : `, ${Math.round(a.memoryMiB / 1024)} GiB`;
  const driver = a.driverVersion === null ? '' : `, driver ${a.driverVersion}`;
  const adapter = a.adapter === null ? '' : `, adapter ${a.adapter}`;
  const stated = a.source === 'stated' ? ', as stated' : '';
  return `${a.name}${memory}${driver}${adapter} (${a.provider}${stated})`;
}

/** The device as trtexec's log names it (`Selected Device: Orin`, its memory and compute capability). */
export interface LoggedDevice {
  device: string | null;
  deviceMemoryMiB: number | null;
  computeCapability: string | null;
}

export function loggedAccelerator(provider: string, logged: LoggedDevice): (AcceleratorInfo & { label: string }) | null {
  if (!logged.device) return null;
  const accelerator: AcceleratorInfo = {
    provider,
    name: logged.device,
    memoryMiB: logged.deviceMemoryMiB,
    driverVersion: null,
    adapter: logged.computeCapability ? `compute capability ${logged.computeCapability}` : null,
    source: 'stated',
  };
  return { ...accelerator, label: acceleratorLabel(accelerator) };
}
