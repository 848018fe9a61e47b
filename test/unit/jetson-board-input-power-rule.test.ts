import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boardInputPower } from '../../core/telemetry/board-input-power.js';
import { parseTegrastatsLine } from '../../core/telemetry/tegrastats.js';

/**
 * Every tegrastats format in the recorded fixtures (Nano to AGX Thor; origins in
 * test/fixtures/README.md and test/fixtures/trtexec-runs/README.md; no Jetson here) against the
 * rule NVIDIA's documents give per module, recomputed from the raw text with a regular expression
 * of this test's own, not with the parser: the total-input channel where the module has one, else
 * the sum of the rails that feed it (AGX Orin: three, VDDQ_VDD2_1V8AO being fed from VIN_SYS_5V0;
 * AGX Xavier: all six). The sources are cited in core/telemetry/board-input-power.ts.
 */
const ORIN_SUM = ['VDD_GPU_SOC', 'VDD_CPU_CV', 'VIN_SYS_5V0'];
const XAVIER_SUM = ['GPU', 'CPU', 'SOC', 'CV', 'VDDRQ', 'SYS5V'];
const expectedRule: Record<string, string[] | null> = {
  'agx-orin-1.txt': ORIN_SUM, 'agx-orin-2.txt': ORIN_SUM, 'agx-orin-3.txt': ORIN_SUM, 'agx-orin-4.txt': ORIN_SUM, 'agx-orin-5.txt': ORIN_SUM, 'agx-orin-6.txt': ORIN_SUM,
  'agx-xavier-1.txt': XAVIER_SUM, 'agx-xavier-2.txt': XAVIER_SUM,
  'nano-1.txt': ['POM_5V_IN'], 'nano-2.txt': ['POM_5V_IN'], 'nano-3.txt': ['POM_5V_IN'],
  'orin-nano-1.txt': ['VDD_IN'], 'orin-nx-1.txt': ['VDD_IN'],
  'tx1-1.txt': ['VDD_IN'], 'tx1-2.txt': null, 'tx1-3.txt': null,
  'tx2-1.txt': ['VDD_IN'], 'tx2-2.txt': ['VDD_IN'], 'tx2-3.txt': ['VDD_IN'],
  'xavier-nx-1.txt': ['VDD_IN'], 'xavier-nx-2.txt': ['VDD_IN'], 'xavier-nx-3.txt': ['VDD_IN'],
  'jetson/tegrastats_agx-orin-64gb_jp6-format_VDD_GPU_SOC-VDD_CPU_CV-VIN_SYS_5V0_llm-pipeline.log': ORIN_SUM,
  'jetson/tegrastats_agx-orin-devkit_jp7.2-r39.2_jetson-stats-testline.txt': ORIN_SUM,
  'jetson/tegrastats_agx-thor-devkit_r38.4_jetson-device-skills.txt': ['VIN'],
  'jetson/tegrastats_orin-nx-nano-class_jp5-deepstream6.3_VDD_IN-VDD_CPU_GPU_CV-VDD_SOC_tegra-burn.log': ['VDD_IN'],
};
const pathOf = (name: string) => new URL(name.startsWith('jetson/') ? `../fixtures/trtexec-runs/${name}` : `../fixtures/tegrastats/${name}`, import.meta.url);
const currentMw = (line: string, rail: string) => Number(new RegExp(`(?:^|\\s)${rail} (\\d+)(?:mW)?/`).exec(line)?.[1] ?? NaN);

describe('Jetson input power: one rule per module, every recorded format', () => {
  it('covers every tegrastats fixture there is', () => {
    const files = readdirSync(new URL('../fixtures/tegrastats/', import.meta.url));
    expect(files.filter((f) => !(f in expectedRule))).toEqual([]);
  });

  for (const [name, rule] of Object.entries(expectedRule)) {
    it(name, () => {
      const lines = readFileSync(pathOf(name), 'utf8').split('\n').filter((l) => l.trim() !== '');
      for (const line of lines) {
        const power = boardInputPower(parseTegrastatsLine(line).powerRails);
        if (rule === null) {
          expect(power).toBeNull();
          continue;
        }
        const expectedW = rule.reduce((sum, rail) => sum + currentMw(line, rail), 0) / 1000;
        expect(power?.powerW).toBeCloseTo(expectedW, 9);
        expect(power?.rail).toBe(rule.length === 1 ? rule[0] : `sum of ${rule.join(' + ')}`);
      }
    });
  }

  it('AGX Orin: VDDQ_VDD2_1V8AO is not added to VIN_SYS_5V0, which feeds it (agx-orin-4, two lines)', () => {
    const [first] = readFileSync(pathOf('agx-orin-4.txt'), 'utf8').split('\n');
    // 4788 + 798 + 3842 mW; the 707 mW of VDDQ_VDD2_1V8AO is already inside VIN_SYS_5V0.
    expect(boardInputPower(parseTegrastatsLine(first!).powerRails)?.powerW).toBeCloseTo(9.428, 9);
  });

  it('rails of a module no rule knows give no figure rather than a guess', () => {
    expect(boardInputPower([{ name: 'VDD_GPU_SOC', currentMw: 1000, averageMw: 1000 }, { name: 'VDDQ_VDD2_1V8AO', currentMw: 300, averageMw: 300 }])).toBeNull();
  });
});
