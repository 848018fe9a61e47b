import type { GpuClockState } from './gpu-clock-state.js';
import { available, unavailable, type Reading } from './reading.js';

/** The start and end readings as one: both, or the reason either is missing. */
export function gpuClockReading(start: Reading<GpuClockState[]>, end: Reading<GpuClockState[]>): Reading<{ start: GpuClockState[]; end: GpuClockState[] }> {
  if (!start.available) return unavailable(start.reason);
  if (!end.available) return unavailable(`Read at the start, not at the end: ${end.reason}`);
  return available({ start: start.value, end: end.value });
}
