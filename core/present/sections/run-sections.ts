import type { RunRecord } from '../../api/run-record.js';
import { accuracySection } from './accuracy-section.js';
import { extrasSections, omissionNote, type ExtrasSection } from './extras-tables.js';
import { memorySection } from './memory-section.js';
import { measureLockSection } from './measure-lock-section.js';
import { cocoEvalSection } from './coco-eval-section.js';
import { accuracyPassSection } from './accuracy-pass-section.js';
import { evaluationSection, paritySection } from './output-check-sections.js';
import { pipelineSection } from './pipeline-section.js';
import { deepstreamSection } from './deepstream-section.js';
import { observedDuringSection } from './observed-during-section.js';
import { profileSection } from './profile-section.js';
import { maxQpsSection, perSampleSection, serverSection, sweepSection, throughputSection, trialsSection } from './scenario-sections.js';
import { telemetrySection } from './telemetry-section.js';
import { artifactsSection, originSection, trtexecSection } from './trtexec-section.js';
import { copySplitSection } from './copy-split-section.js';
import { openvinoSection } from './openvino-section.js';
import type { ReportSection, SectionBlock } from './report-section.js';

/**
 * The extras this edgelab knows, each with a section of its own, in reading order: was the output
 * right, how the scenario loaded the model, where the end-to-end time went, what it cost in memory
 * and on the machine, then the profile (the longest). A section reader returns null when the value is not the shape it knows (an older or
 * newer producer); that key, and any key not listed, falls back to the generic tables.
 */
const knownSections: Array<[key: string, read: (value: unknown) => ReportSection | null]> = [
  ['evaluation', evaluationSection],
  ['parity', paritySection],
  ['accuracy', accuracySection],
  ['cocoEval', cocoEvalSection],
  ['accuracyPass', accuracyPassSection],
  ['sweep', sweepSection],
  ['throughput', throughputSection],
  ['server', serverSection],
  ['maxQps', maxQpsSection],
  ['trials', trialsSection],
  ['perSample', perSampleSection],
  ['pipeline', pipelineSection],
  ['deepstream', deepstreamSection],
  ['observedDuring', observedDuringSection],
  ['memory', memorySection],
  ['measureLock', measureLockSection],
  ['telemetry', telemetrySection],
  ['copySplit', copySplitSection],
  ['profile', profileSection],
  ['trtexec', trtexecSection],
  ['openvino', openvinoSection],
  ['artifacts', artifactsSection],
];

export function runSections(run: RunRecord): ReportSection[] {
  const origin = originSection(run);
  const sections: ReportSection[] = origin ? [origin] : [];
  const shown = new Set<string>();
  for (const [key, read] of knownSections) {
    if (!Object.hasOwn(run.extras, key)) continue;
    const section = read(run.extras[key]);
    if (section) {
      sections.push(section);
      shown.add(key);
    }
  }
  const rest = extrasSections(run).filter((s) => !shown.has(s.key));
  return [...sections, ...rest.map(genericSection)];
}

function genericSection(section: ExtrasSection): ReportSection {
  const blocks: SectionBlock[] = section.lines.length > 0 ? [{ kind: 'lines', items: section.lines }] : [];
  for (const extra of section.tables) {
    const note = omissionNote(extra);
    blocks.push({
      kind: 'table',
      table: extra.table,
      ...(extra.caption !== section.key ? { caption: extra.caption } : {}),
      ...(note ? { note } : {}),
    });
  }
  return { key: section.key, title: section.key, blocks };
}
