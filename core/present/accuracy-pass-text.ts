import type { RunRecord } from '../api/run-record.js';
import { formatMeasured } from './format-values.js';
import { textSection } from './section-text.js';
import { accuracyPassSection } from './sections/accuracy-pass-section.js';

/** `edgelab eval MODEL --labels …`: the pass's section as the terminal shows it, then each target's verdict, then its warnings. */
export function accuracyPassText(record: RunRecord): string {
  const section = accuracyPassSection(record.extras.accuracyPass);
  const lines = [`${record.spec.label ?? record.spec.model}`, ...(section ? [textSection(section)] : ['(no accuracy pass in this record)'])];
  const verdicts = 'verdicts' in record ? record.verdicts : [];
  if (verdicts.length > 0) {
    lines.push('targets');
    for (const v of verdicts) lines.push(`  ${v.status.padEnd(12)} ${v.target}: ${v.observedValue === null ? 'not measured' : formatMeasured(v.observedValue, v.unit)} (${v.method})`);
  }
  // The Engine line already says the pass is untimed; any other warning (a scoring note, a reference
  // decoded otherwise) changes how the figures read, so it is printed here, not only in runs show.
  for (const w of ('warnings' in record ? record.warnings : []).filter((w) => w.code !== 'accuracy-pass-untimed')) lines.push(`! ${w.code}: ${w.message}`, `  → ${w.advice}`);
  return lines.join('\n') + '\n';
}
