import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompletedRun } from '../../core/api/run-record.js';
import { addJetsonWarnings, parseJetsonClocksShow, parseNvpmodelModes } from '../../core/hardware/jetson-state.js';
import { boardInputPower } from '../../core/telemetry/board-input-power.js';
import { parseTegrastatsLine } from '../../core/telemetry/tegrastats.js';

// jetson_clocks, nvpmodel and tegrastats output recorded on AGX Orin, Orin NX/Nano-class and AGX Thor
// boards that are not here; origins in test/fixtures/trtexec-runs/README.md.
const read = (name: string) => readFileSync(new URL(`../fixtures/trtexec-runs/jetson/${name}`, import.meta.url), 'utf8');
const firstLine = (name: string) => read(name).split('\n')[0]!;

describe('Jetson clocks and power mode', () => {
  it('sees that an AGX Orin in MAXN without jetson_clocks has floating clocks, and reads the fan', () => {
    const { clocks, fan } = parseJetsonClocksShow(read('jetson_clocks-show_agx-orin-64gb-dsboard_maxn_branes.txt'));
    expect(clocks.locked).toBe(false);
    expect(clocks.powerMode).toBe('MAXN');
    expect(clocks.detail).toBe('cpu0 730–2202 MHz, cpu1 730–2202 MHz, cpu10 730–2202 MHz, cpu11 730–2202 MHz and 10 more can still change speed');
    expect(fan).toEqual({ pwm: 3, control: 'active', source: 'jetson_clocks --show' });
  });

  it('calls clocks locked when every MinFreq equals its MaxFreq (what jetson_clocks sets)', () => {
    const locked = read('jetson_clocks-show_agx-orin-64gb-dsboard_maxn_branes.txt').replace(/MinFreq=\d+ MaxFreq=(\d+)/g, 'MinFreq=$1 MaxFreq=$1');
    expect(parseJetsonClocksShow(locked).clocks.locked).toBe(true);
    expect(parseJetsonClocksShow('jetson_clocks: must be run as root').clocks.locked).toBeNull();
  });

  it('lists the power modes nvpmodel -p --verbose prints', () => {
    const { modes, defaultMode } = parseNvpmodelModes(read('nvpmodel-p-verbose_agx-orin_all-modes_branes.log'));
    expect(modes).toEqual([{ id: 0, name: 'MAXN' }, { id: 1, name: 'MODE_15W' }, { id: 2, name: 'MODE_30W' }, { id: 3, name: 'MODE_50W' }]);
    expect(defaultMode).toBe('MODE_30W(2)');
  });

  it('warns on a completed run whose Jetson clocks floated, with advice', () => {
    const record = { state: 'completed', warnings: [], hardware: { jetson: { clocks: { locked: false, detail: 'GPU 306–1300 MHz can still change speed', powerMode: 'MAXN' }, powerMode: { name: 'MAXN', id: 0 } } } } as unknown as CompletedRun;
    addJetsonWarnings(record);
    expect(record.warnings).toEqual([expect.objectContaining({ code: 'jetson-clocks-not-locked', message: expect.stringContaining('power mode MAXN') as unknown as string })]);
    const unknown = { state: 'completed', warnings: [], hardware: { jetson: { clocks: { locked: null, detail: 'needs root', powerMode: null } } } } as unknown as CompletedRun;
    addJetsonWarnings(unknown);
    expect(unknown.warnings).toEqual([]);
  });
});

describe('the board total-input rail, which differs by board', () => {
  it('Orin NX/Nano class: VDD_IN', () => {
    const rails = parseTegrastatsLine(firstLine('tegrastats_orin-nx-nano-class_jp5-deepstream6.3_VDD_IN-VDD_CPU_GPU_CV-VDD_SOC_tegra-burn.log')).powerRails;
    expect(boardInputPower(rails)).toEqual({ powerW: 5.542, rail: 'VDD_IN', method: 'total-input rail' });
  });

  it('AGX Orin: no total rail, so the sum, said so', () => {
    const rails = parseTegrastatsLine(firstLine('tegrastats_agx-orin-64gb_jp6-format_VDD_GPU_SOC-VDD_CPU_CV-VIN_SYS_5V0_llm-pipeline.log')).powerRails;
    expect(boardInputPower(rails)).toEqual({ powerW: 6.912, rail: 'sum of VDD_GPU_SOC + VDD_CPU_CV + VIN_SYS_5V0', method: 'sum of rails (no total-input rail on this board)' });
  });

  it('AGX Orin on JetPack 7.2 (three values per rail, two per temperature)', () => {
    const sample = parseTegrastatsLine(firstLine('tegrastats_agx-orin-devkit_jp7.2-r39.2_jetson-stats-testline.txt'));
    expect(sample.unparsed).toEqual([]);
    expect(sample.temperaturesC['cpu']).toBe(52.968);
    expect(boardInputPower(sample.powerRails)?.powerW).toBeCloseTo(13.907, 9);
  });

  it('AGX Thor: VIN is the total (and its clock-only engines read)', () => {
    const sample = parseTegrastatsLine(firstLine('tegrastats_agx-thor-devkit_r38.4_jetson-device-skills.txt'));
    expect(boardInputPower(sample.powerRails)).toEqual({ powerW: 19.78, rail: 'VIN', method: 'total-input rail' });
    expect(sample.gpu).toEqual({ loadPercent: null, freqMHz: 314, freqsMHz: [314, 314, 314] });
    expect(sample.unparsed).toEqual([]);
  });
});

describe('edgelab hw on a Jetson', () => {
  it('prints whether the clocks are locked and the fan', async () => {
    const { formatHardware } = await import('../../core/present/format-hardware.js');
    const { clocks, fan } = parseJetsonClocksShow(read('jetson_clocks-show_agx-orin-64gb-dsboard_maxn_branes.txt'));
    const info = {
      fingerprint: '0'.repeat(64), label: 'AGX Orin', deviceClass: 'jetson', edgeClass: true,
      cpu: { manufacturer: 'ARM', brand: 'Cortex-A78AE', cores: 12, physicalCores: 12, speedMinGHz: null, speedMaxGHz: null },
      memory: { totalBytes: 64 * 1024 ** 3 },
      os: { platform: 'linux', distro: 'Ubuntu', release: '22.04', kernel: '5.15-tegra', arch: 'arm64' },
      system: { manufacturer: '', model: '', chassisType: null, hasBattery: false, virtual: false },
      gpus: [],
      jetson: { model: 'Jetson AGX Orin for DSBOARD-AGX', l4tRelease: null, l4tBoard: null, powerMode: { name: 'MAXN', id: 0 }, clocks, fan },
      onnxruntime: { version: '1.30.0', backends: [] },
    } as const;
    const text = formatHardware(info as unknown as Parameters<typeof formatHardware>[0]);
    expect(text).toContain('Clocks        not locked (cpu0 730–2202 MHz');
    expect(text).toContain('Fan           PWM 3/255, control active (jetson_clocks --show)');
  });
});
