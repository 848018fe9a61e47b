import type { PowerRail } from './tegrastats.js';

/**
 * The board's total input power from one tegrastats line. Which rail is the total differs by board:
 * `VDD_IN` (Orin NX/Nano, Xavier NX, TX1), `POM_5V_IN` (Nano, TX2), `VIN` (AGX Thor). AGX Orin and
 * AGX Xavier measure no total; there the rails they have are summed (VDD_GPU_SOC + VDD_CPU_CV +
 * VIN_SYS_5V0 on AGX Orin), which leaves out regulator losses and the carrier board, so it reads low.
 */
export interface BoardInputPower {
  powerW: number;
  /** `VDD_IN`, or `sum of VDD_GPU_SOC + VDD_CPU_CV + VIN_SYS_5V0`. */
  rail: string;
  method: 'total-input rail' | 'sum of rails (no total-input rail on this board)';
}

const TOTAL_RAILS = ['VDD_IN', 'POM_5V_IN', 'VIN'] as const;
// `NC` marks an unconnected monitor channel on AGX Orin; it is not a rail.
const NOT_A_RAIL = new Set(['NC']);

export function boardInputPower(rails: readonly PowerRail[]): BoardInputPower | null {
  for (const name of TOTAL_RAILS) {
    const rail = rails.find((r) => r.name === name);
    if (rail) return { powerW: rail.currentMw / 1000, rail: name, method: 'total-input rail' };
  }
  const parts = rails.filter((r) => !NOT_A_RAIL.has(r.name));
  if (parts.length === 0) return null;
  return {
    powerW: parts.reduce((sum, r) => sum + r.currentMw, 0) / 1000,
    rail: `sum of ${parts.map((r) => r.name).join(' + ')}`,
    method: 'sum of rails (no total-input rail on this board)',
  };
}
