import { evidenceKind, type CompletedRun } from '../api/run-record.js';
import type { ComparisonWarning } from './comparison-types.js';

/**
 * What else makes two runs unlike: one was imported (another tool measured it, edgelab did not),
 * they ran on different engines (ONNX Runtime in-process vs TensorRT's trtexec), or a Jetson was in
 * different power modes (nvpmodel changes clocks and online cores, so it is a different machine).
 */
export function engineAndStateWarnings(a: CompletedRun, b: CompletedRun): ComparisonWarning[] {
  const warnings: ComparisonWarning[] = [];
  const imported = [a, b].filter((r) => evidenceKind(r) === 'imported');
  if (imported.length > 0) {
    warnings.push({
      code: 'imported-evidence',
      message: `${imported.map((r) => `Run ${r.id} was imported from ${r.origin?.tool ?? 'another tool'}'s files${r.origin?.statedHardware ? ` (made on ${r.origin.statedHardware}, as the files state)` : ''}`).join('; ')}: edgelab did not measure it.`,
      advice: 'The numbers are as the files give them; settings edgelab would have recorded may be unknown. Measure both sides with edgelab to compare like for like.',
    });
  }
  const engineOf = (r: CompletedRun) => {
    const e = r.spec.engine;
    return e?.kind === 'trtexec' ? `trtexec (${e.precision ?? 'precision not stated'}${e.dlaCore !== undefined ? `, DLA ${e.dlaCore}` : ''})` : 'ONNX Runtime';
  };
  if (engineOf(a) !== engineOf(b)) {
    const copies = [a, b].map((r) => (r.extras['trtexec'] as { hostDeviceCopiesIncluded?: boolean | null } | undefined)?.hostDeviceCopiesIncluded);
    warnings.push({
      code: 'different-engine',
      message: `The runs used different engines: ${engineOf(a)} → ${engineOf(b)}.${copies.includes(false) ? ' One trtexec run timed GPU compute only, without the host↔device copies.' : ''}`,
      advice: 'Expected when the engine is what you compare (ONNX Runtime on the CPU vs TensorRT on the GPU). Each latency is end-to-end as its engine defines it; see each run\'s record for what was included.',
    });
  }
  const modeOf = (r: CompletedRun) => {
    const jetson = r.hardware?.['jetson'] as { powerMode?: { name: string; id: number | null } | null } | null | undefined;
    return jetson?.powerMode ? `${jetson.powerMode.name}${jetson.powerMode.id !== null ? ` (mode ${jetson.powerMode.id})` : ''}` : null;
  };
  const modeA = modeOf(a);
  const modeB = modeOf(b);
  if (modeA && modeB && modeA !== modeB) {
    warnings.push({
      code: 'different-power-mode',
      message: `The Jetson ran in different power modes: ${modeA} → ${modeB}.`,
      advice: 'A power mode sets clock limits and online cores, so it alone changes latency and energy. Set the same mode (sudo nvpmodel -m N, then sudo jetson_clocks) to compare a model or setting.',
    });
  }
  return warnings;
}
