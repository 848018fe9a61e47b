import { acceleratorLabel, describeAccelerator, isAcceleratorProvider, loggedAccelerator, type AcceleratorInfo, type LoggedDevice } from '../hardware/accelerator.js';
export type { LoggedDevice } from '../hardware/accelerator.js';
import { queryGpuClockState } from '../telemetry/gpu-clock-state.js';
import type { TelemetrySummary } from '../telemetry/telemetry-summary.js';

/**
 * The accelerator of a finished GPU run: nvidia-smi's reading from the run's telemetry when it has
 * one, else one nvidia-smi query now (the run is over, so it costs the timings nothing), else the
 * system's GPU list. Null for CPU runs.
 */
export async function acceleratorForRun(provider: string, telemetry: unknown, hardware: Record<string, unknown> | null, logged?: LoggedDevice | null): Promise<(AcceleratorInfo & { label: string }) | null> {
  if (!isAcceleratorProvider(provider)) return null;
  const clocks = (telemetry as Partial<TelemetrySummary> | undefined)?.gpuClocks;
  const now = clocks?.available ? null : await queryGpuClockState();
  const nvidia = clocks?.available ? clocks.value.start : now?.available ? now.value : null;
  // Most Jetsons have no nvidia-smi: there the device trtexec itself selected names the accelerator.
  const accelerator = (nvidia === null || nvidia.length === 0) && logged ? loggedAccelerator(provider, logged) : describeAccelerator(provider, nvidia, hardware);
  // The label is stored too, so the app can show it without formatting code of its own.
  return accelerator ? { ...accelerator, label: acceleratorLabel(accelerator) } : null;
}

