import type { RunRecord } from '../api/run-record.js';
import { describeVerifyReport, type VerifyReport } from '../evidence/verify.js';
import type { LadderEvidence } from './evidence.js';
import type { GateStatus, LadderStatus } from './evaluate.js';
import { levelById } from '../api/ladder-levels.js';
import { hardwareFacts, modelName } from './record-fields.js';

/** One line of facts per run cited as evidence, the same in every export format. */
export interface PortfolioRun {
  id: string;
  startedAt: string;
  state: RunRecord['state'];
  model: string;
  executionProvider: string;
  hardware: string;
  p50LatencyMs: number | null;
  p99LatencyMs: number | null;
  verdicts: string;
}

export interface LedgerStatus {
  ok: boolean;
  /** One sentence a reviewer reads first. */
  summary: string;
  head: string | null;
  /** The signed head and its signature file's SHA-256 (and signer, when checked), to pin beside the head. */
  signedHead: { entryHash: string; seq: number; signatureSha256: string; principal: string | null } | null;
  /** One line per finding when not ok. */
  findings: string[];
}

/** Everything an exported evidence record shows; rendered to Markdown and HTML. */
export interface Portfolio {
  /** The date printed on the record (injected, so golden files do not change daily). */
  date: string;
  ladderVersion: number;
  phase: string;
  ledger: LedgerStatus;
  gates: GateStatus[];
  runs: Record<string, PortfolioRun>;
}

export function ledgerStatus(report: VerifyReport): LedgerStatus {
  const s = report.signedHead;
  const signedHead = s?.entryHash !== undefined && s.seq !== undefined && s.signatureSha256 !== undefined ? { entryHash: s.entryHash, seq: s.seq, signatureSha256: s.signatureSha256, principal: s.principal } : null;
  if (report.ok) {
    return {
      ok: true,
      summary: `Verified: ${report.recordsOnDisk} record(s) match the ${report.ledgerEntries} ledger entries; the hash chain is intact.`,
      head: report.head,
      signedHead,
      findings: [],
    };
  }
  const problems =
    report.edited.length + report.missing.length + report.invalid.length + report.unrecorded.length + report.brokenChain.length + report.notMeasured.length + (report.chainProblem ? 1 : 0) + (report.signedHead && !report.signedHead.ok ? 1 : 0);
  return {
    ok: false,
    summary: `Not verified: ${problems} problem(s) between the records and the ledger. Records and attestations that fail the check count for nothing and are left out below.`,
    head: report.head,
    signedHead,
    findings: describeVerifyReport(report),
  };
}

function portfolioRun(run: RunRecord): PortfolioRun {
  const completed = run.state === 'completed' ? run : null;
  const verdicts = completed ? completed.verdicts.map((v) => `${v.target} ${v.status}`).join(', ') : '';
  return {
    id: run.id,
    startedAt: run.startedAt,
    state: run.state,
    model: modelName(run),
    executionProvider: completed?.executionProvider ?? '',
    hardware: hardwareFacts(run).label ?? 'unrecorded',
    p50LatencyMs: completed?.latencyMs.p50 ?? null,
    p99LatencyMs: completed?.latencyMs.p99 ?? null,
    verdicts,
  };
}

export function buildPortfolio(status: LadderStatus, evidence: LadderEvidence, verify: VerifyReport, date: Date): Portfolio {
  const cited = new Set(status.gates.flatMap((g) => g.items.flatMap((i) => (i.kind === 'measured' ? i.runs.map((r) => r.runId) : []))));
  const runs: Record<string, PortfolioRun> = {};
  for (const run of evidence.runs) if (cited.has(run.id)) runs[run.id] = portfolioRun(run);
  const a = status.assessment;
  return {
    date: date.toISOString().slice(0, 10),
    ladderVersion: status.ladderVersion,
    phase: a ? `${levelById(a.phase).title} (self-assessed ${a.assessedAt.slice(0, 10)}, ${a.yesCount} of ${a.answers.length} yes)` : 'not assessed',
    ledger: ledgerStatus(verify),
    gates: status.gates,
    runs,
  };
}

export function formatMs(value: number | null): string {
  return value === null ? '' : `${value.toFixed(2)} ms`;
}
