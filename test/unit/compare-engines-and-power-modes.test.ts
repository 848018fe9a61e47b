import { describe, expect, it } from 'vitest';
import type { CompletedRun } from '../../core/api/run-record.js';
import { compareRuns } from '../../core/report/compare.js';
import { baselineRun, candidateRun } from '../golden/synthetic-runs.js';

const onJetson = (run: CompletedRun, mode: { name: string; id: number }): CompletedRun => ({
  ...run,
  hardware: { ...run.hardware, jetson: { model: 'NVIDIA Jetson AGX Orin Developer Kit', l4tRelease: '36.4.4', l4tBoard: 'generic', powerMode: mode } },
});

describe('compare: engines, imported evidence and power modes', () => {
  it('says when a Jetson ran in different power modes', () => {
    const warnings = compareRuns(onJetson(baselineRun, { name: 'MAXN', id: 0 }), onJetson(candidateRun, { name: 'MODE_15W', id: 1 })).warnings;
    expect(warnings.find((w) => w.code === 'different-power-mode')?.message).toBe('The Jetson ran in different power modes: MAXN (mode 0) → MODE_15W (mode 1).');
    expect(compareRuns(onJetson(baselineRun, { name: 'MAXN', id: 0 }), onJetson(candidateRun, { name: 'MAXN', id: 0 })).warnings.map((w) => w.code)).not.toContain('different-power-mode');
  });

  it('says when the engines differ and when a run was imported', () => {
    const trtexec: CompletedRun = {
      ...candidateRun,
      spec: { ...candidateRun.spec, engine: { kind: 'trtexec', precision: 'fp16', dlaCore: 1 } },
      extras: { ...candidateRun.extras, trtexec: { hostDeviceCopiesIncluded: true } },
      origin: { kind: 'imported', tool: 'trtexec', files: [], statedHardware: 'Orin (compute capability 8.7)', importedAt: '2026-11-30T00:00:00.000Z' },
    };
    const warnings = compareRuns(baselineRun, trtexec).warnings;
    expect(warnings.find((w) => w.code === 'different-engine')?.message).toBe('The runs used different engines: ONNX Runtime → trtexec (fp16, DLA 1).');
    expect(warnings.find((w) => w.code === 'imported-evidence')?.message).toBe(`Run ${trtexec.id} was imported from trtexec's files (made on Orin (compute capability 8.7), as the files state): edgelab did not measure it.`);
    expect(compareRuns(baselineRun, candidateRun).warnings.map((w) => w.code)).not.toContain('different-engine');
  });
});
