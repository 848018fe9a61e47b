import type { PowerRail } from './tegrastats.js';

/**
 * The board's input power from one tegrastats line, by one rule per module family, each from
 * NVIDIA's own description of its INA3221 power monitors:
 *
 * - A total-input channel, where the module has one: `VDD_IN` (Orin NX/Nano, Xavier NX, TX1, TX2,
 *   TX2 NX), `POM_5V_IN` (Nano: the same channel under the name its device tree gives it) and `VIN`
 *   (AGX Thor's INA238 on the whole input). Jetson Linux Developer Guide, "Platform Power and
 *   Performance", the power-monitor tables of each module (r32.6 "Clock Frequency and Power
 *   Management" for TX1/TX2/Nano/Xavier NX, r34.1+ for Orin), as energymon's
 *   jetson/JetsonPowerRails.md tabulates them.
 * - AGX Orin: no total channel. `VDD_GPU_SOC` and `VDD_CPU_CV` (fed from SYS_VIN_HV) plus
 *   `VIN_SYS_5V0` (fed from SYS_VIN_MV) cover the module's inputs; `VDDQ_VDD2_1V8AO` is supplied by
 *   VIN_SYS_5V0 and so is already inside it, and `NC` is "No Connection" (NVIDIA forum thread
 *   223111, "Jetson AGX Orin INA3221 power monitor layout"; the guide's AGX Orin table).
 * - AGX Xavier: no total channel. `GPU`, `CPU`, `SOC`, `CV` and `VDDRQ` are fed from SYS_VIN_HV and
 *   `SYS5V` from SYS_VIN_MV, both taken from the main supply and not from each other, so all six add
 *   up (Jetson AGX Xavier Series Product Design Guide DG-09840-001, §5.2 and §5.6.2).
 *
 * A sum leaves out the carrier board and the losses of the module's input regulators, so it reads
 * below a meter at the supply; the method says so. Rails of a module none of these rules knows give
 * no figure: a sum of unknown rails could count one supply twice.
 */
export interface BoardInputPower {
  powerW: number;
  /** `VDD_IN`, or `sum of VDD_GPU_SOC + VDD_CPU_CV + VIN_SYS_5V0`. */
  rail: string;
  method: 'total-input rail' | 'sum of rails (no total-input rail on this board)';
}

const TOTAL_RAILS = ['VDD_IN', 'POM_5V_IN', 'VIN'] as const;

/** Module families without a total channel: the rails whose sum is the module's input. */
export const SUMMED_RAILS: readonly { module: string; rails: readonly string[] }[] = [
  { module: 'AGX Orin', rails: ['VDD_GPU_SOC', 'VDD_CPU_CV', 'VIN_SYS_5V0'] },
  { module: 'AGX Xavier', rails: ['GPU', 'CPU', 'SOC', 'CV', 'VDDRQ', 'SYS5V'] },
];

export function boardInputPower(rails: readonly PowerRail[]): BoardInputPower | null {
  for (const name of TOTAL_RAILS) {
    const rail = rails.find((r) => r.name === name);
    if (rail) return { powerW: rail.currentMw / 1000, rail: name, method: 'total-input rail' };
  }
  for (const family of SUMMED_RAILS) {
    const parts = family.rails.map((name) => rails.find((r) => r.name === name));
    if (parts.some((p) => p === undefined)) continue;
    return {
      powerW: parts.reduce((sum, r) => sum + r!.currentMw, 0) / 1000,
      rail: `sum of ${family.rails.join(' + ')}`,
      method: 'sum of rails (no total-input rail on this board)',
    };
  }
  return null;
}
