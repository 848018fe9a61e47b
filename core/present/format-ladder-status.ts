import type { ItemStatus, LadderStatus } from '../api/ladder.js';
import { levelById } from '../api/ladder-levels.js';
import { PHASE_ADVICE } from './assessment-questions.js';

/** A practice lab as the list shows it, and the result of its check against the workspace. */
interface LabToShow {
  lab: { id: string; title: string; goal: string; serves: string; steps: readonly string[] };
  check: { done: boolean; detail: string };
}

/**
 * Measured and attested evidence are told apart in words, not only by a symbol, so the difference
 * survives a plain-text log, a screen reader and a copy into a chat.
 */
export const KIND_LABEL = { measured: 'measured', attested: 'attested' } as const;

function itemLines(status: ItemStatus): string[] {
  const mark = status.met ? '✔' : '·';
  const lines = [`  ${mark} ${status.item.id.padEnd(20)} [${KIND_LABEL[status.kind]}]  ${status.item.title}`];
  if (status.kind === 'measured') {
    for (const run of status.runs) {
      lines.push(`        run ${run.runId}: ${run.why}`);
      for (const note of run.notes) lines.push(`          explained ${note.date.slice(0, 10)}: "${note.note}"${note.link ? ` ${note.link}` : ''}`);
    }
    if (!status.met) {
      lines.push(`        missing: ${status.missing}`);
      lines.push(`        produce it: ${status.item.produceWith}`);
    }
  } else {
    for (const a of status.attestations) lines.push(`        attested ${a.date.slice(0, 10)}: "${a.note}"${a.link ? ` ${a.link}` : ''} (your word, not checked)`);
    if (!status.met) lines.push(`        attest it: edgelab ladder attest ${status.item.id} --note "…" --link URL   (link: ${status.item.linkTo})`);
  }
  return lines;
}

export function formatLadderStatus(status: LadderStatus): string {
  const lines: string[] = [];
  const a = status.assessment;
  lines.push(`Career ladder (version ${status.ladderVersion})`);
  if (a) {
    lines.push(`Phase: ${levelById(a.phase).title} (self-assessed ${a.assessedAt.slice(0, 10)}, ${a.yesCount} of ${a.answers.length} yes). ${PHASE_ADVICE[a.phase]}`);
  } else {
    lines.push('Phase: not assessed yet. Run `edgelab ladder assess` to find where to start.');
  }
  lines.push('Evidence: [measured] items are decided by run records; [attested] items rest on your note and link.');
  for (const gate of status.gates) {
    const current = gate.gate.id === status.currentGateId ? '   ← you are here' : '';
    lines.push('', `${gate.gate.title}: ${gate.metCount} of ${gate.itemCount}${current}`);
    for (const item of gate.items) lines.push(...itemLines(item));
  }
  return `${lines.join('\n')}\n`;
}

export function formatLabs(results: readonly LabToShow[]): string {
  const lines: string[] = ['Practice labs (each is checked against the evidence in the workspace)'];
  for (const { lab, check } of results) {
    lines.push('', `${check.done ? '✔ done' : '· to do'}  ${lab.id}: ${lab.title}   (builds evidence for ${lab.serves})`);
    lines.push(`    goal: ${lab.goal}`);
    for (const step of lab.steps) lines.push(`    $ ${step}`);
    for (const detail of check.detail.split('\n')) lines.push(`    ${check.done ? 'evidence' : 'check'}: ${detail}`);
  }
  return `${lines.join('\n')}\n`;
}
