import { evidenceKind, type RunRecord, type Verdict } from '../api/run-record.js';
import { fileNameOf } from './file-name.js';
import { unitOf } from '../hardware/hardware-kind.js';
import { measuredOnText } from './provenance-label.js';

/** What a person calls the run: its label, else the model file it measured. */
export function runTitle(run: RunRecord): string {
  const title = run.spec.label ?? run.model?.fileName ?? fileNameOf(run.spec.model);
  // Imported evidence is marked wherever a run is named, so it is never read as measured here.
  return evidenceKind(run) === 'imported' ? `${title} [imported from ${run.origin?.tool ?? 'another tool'}]` : title;
}

/**
 * A one-line name of the machine. `hardware` is free-form in the record (core/hardware fills it);
 * prefer its own label, else the CPU it names, else the platform from the software versions, which
 * every record has.
 */
export function hardwareLabel(run: RunRecord): string {
  const hw = run.hardware;
  const label = hw?.['label'];
  if (typeof label === 'string' && label !== '') return label;
  const cpu = hw?.['cpu'];
  if (cpu && typeof cpu === 'object') {
    const { manufacturer, brand } = cpu as Record<string, unknown>;
    const name = [manufacturer, brand].filter((part) => typeof part === 'string' && part !== '').join(' ');
    if (name) return `${name} · ${run.software.platform} ${run.software.arch}`;
  }
  return `${run.software.platform} ${run.software.arch} (hardware not recorded)`;
}

export function hardwareFingerprint(run: RunRecord): string | null {
  const fingerprint = run.hardware?.['fingerprint'];
  return typeof fingerprint === 'string' && fingerprint !== '' ? fingerprint : null;
}

export const verdictSymbol: Record<Verdict['status'], string> = {
  pass: '✅',
  fail: '❌',
  inconclusive: '⚠️',
};

export const verdictWord: Record<Verdict['status'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
};

/** "bench-left (1422919145234) · AMD EPYC · 2 cores … · measured": the unit, the machine and the evidence kind of a record. */
export function recordMeasuredOn(run: RunRecord): string {
  return measuredOnText({ unit: unitOf(run.hardware), hardwareLabel: hardwareLabel(run), evidence: evidenceKind(run) });
}
