import { describeAccelerator, isAcceleratorProvider, type AcceleratorInfo } from '../hardware/accelerator.js';
import { queryGpuClockState } from '../telemetry/gpu-clock-state.js';
import type { TelemetrySummary } from '../telemetry/telemetry-summary.js';

/**
 * The accelerator of a finished GPU run: nvidia-smi's reading from the run's telemetry when it has
 * one, else one nvidia-smi query now (the run is over, so it costs the timings nothing), else the
 * system's GPU list. Null for CPU runs.
 */
export async function acceleratorForRun(provider: string, telemetry: unknown, hardware: Record<string, unknown> | null): Promise<AcceleratorInfo | null> {
  if (!isAcceleratorProvider(provider)) return null;
  const clocks = (telemetry as Partial<TelemetrySummary> | undefined)?.gpuClocks;
  if (clocks?.available) return describeAccelerator(provider, clocks.value.start, hardware);
  const now = await queryGpuClockState();
  return describeAccelerator(provider, now.available ? now.value : null, hardware);
}
