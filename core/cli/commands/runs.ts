import { formatMs } from '../../report/format-values.js';
import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { RunFilter, RunSummary } from '../../evidence/index.js';
import { describeVerifyReport } from '../../evidence/verify.js';
import { formatRunSummary } from '../../report/run-summary.js';
import { column, textTable } from '../../report/table.js';
import { oneOf, parseFlags, wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { openWorkspace, openWorkspaceToRead, workspaceHelp, workspaceOption } from '../workspace-flag.js';

export const runsHelp = `Usage: edgelab runs [list] [flags]      list recorded runs, newest first
       edgelab runs show ID [--json]     one run (an id or a unique prefix of one)
       edgelab runs verify [--accept-unrecorded] [--head HASH]
                                         check every record against the ledger

List flags
  --model NAME|SHA        runs of a model (file name, path or SHA-256 prefix)
  --tag TAG               runs carrying a tag (repeatable: all of them)
  --state STATE           completed, failed, cancelled or observed (an import with no per-inference samples)
  --since DATE            started at or after (ISO 8601, e.g. 2026-11-01)
  --limit N               at most N runs (default 50)
  --json                  print JSON

Verify flags
  --head HASH             also check that a head pinned earlier (printed by verify, report and
                          ladder export) is still a line of this ledger: nothing before it changed
  --accept-unrecorded     add to the ledger the records a crash left unrecorded (their own digest
                          matches); hand-made or edited files are named and left out; refused while
                          the ledger is broken, deleted or shortened
${workspaceHelp}`;

const options = {
  model: { type: 'string' },
  tag: { type: 'string', multiple: true },
  state: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  'accept-unrecorded': { type: 'boolean' },
  head: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...workspaceOption,
} as const;

export async function runsCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('runs', argv, options);
  if (v.help) {
    ctx.stdout.write(runsHelp);
    return ExitCode.ok;
  }
  const [sub = 'list', ...rest] = positionals;
  const workspace = sub === 'verify' && v['accept-unrecorded'] ? await openWorkspace(v.workspace, ctx) : await openWorkspaceToRead(v.workspace, ctx);
  switch (sub) {
    case 'list': {
      const filter: RunFilter = { limit: v.limit ? wholeNumber('--limit', v.limit, 1) : 50 };
      if (v.model) Object.assign(filter, /^[0-9a-f]{6,64}$/.test(v.model) ? { modelSha256: v.model } : { modelName: v.model });
      if (v.tag) filter.tag = v.tag;
      if (v.state) filter.state = oneOf('--state', v.state, ['completed', 'failed', 'cancelled', 'observed'] as const);
      if (v.since) filter.since = v.since;
      const runs = await workspace.listRuns(filter);
      if (v.json) ctx.stdout.write(JSON.stringify(runs, null, 2) + '\n');
      else if (runs.length) ctx.stdout.write(formatRunList(runs) + '\n' + notVerifiedNote(runs));
      else if ((await workspace.countRuns()) > 0) ctx.stdout.write(`No runs in ${workspace.dir} match ${describeFilter(v)}.\n`);
      else ctx.stdout.write(`No runs recorded in ${workspace.dir} yet. Record one with \`edgelab bench MODEL\`.\n`);
      const unreadable = await workspace.unreadableRuns();
      for (const u of unreadable) ctx.stderr.write(`edgelab: skipped ${u.file}: ${u.message}\n`);
      return ExitCode.ok;
    }
    case 'show': {
      if (rest.length !== 1) throw new LabError('usage', 'edgelab runs show: expected one run id.', 'List ids with `edgelab runs`.');
      const record = await workspace.getRun(rest[0] as string);
      ctx.stdout.write(v.json ? JSON.stringify(record, null, 2) + '\n' : formatRunSummary(record) + '\n');
      return ExitCode.ok;
    }
    case 'verify': {
      if (v['accept-unrecorded']) {
        const { recorded, skipped } = await workspace.recordUnrecorded();
        for (const f of recorded) ctx.stdout.write(`accepted into the ledger: ${f.file}\n`);
        for (const f of skipped) ctx.stdout.write(`not accepted: ${f.file}: ${f.detail}\n`);
      }
      if (v.head !== undefined && !/^[0-9a-fA-F]{64}$/.test(v.head)) {
        throw new LabError('usage', `--head ${v.head}: expected the 64-hex-digit ledger head that verify, report or ladder export printed.`);
      }
      const report = await workspace.verify(v.head !== undefined ? { pinnedHead: v.head } : {});
      const lines = describeVerifyReport(report);
      if (v.json) ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else ctx.stdout.write(`${workspace.dir}\n${lines.join('\n')}\n`);
      if (!report.ok && !v.json) {
        ctx.stderr.write(
          report.chainProblem || report.brokenChain.length > 0
            ? 'edgelab: the ledger itself was changed (see above): nothing in this workspace counts as evidence until ledger.jsonl and ledger.head are restored from version control.\n'
            : report.pinnedHead?.seq === null
              ? 'edgelab: the history the pinned head names is not this ledger\'s (see above): it was rewritten since it was pinned.\n'
              : 'edgelab: the workspace does not match its ledger (see above).\n  Restore edited or missing records from version control; accept records a crash left unrecorded with --accept-unrecorded.\n',
        );
      }
      return report.ok ? ExitCode.ok : ExitCode.targetFailed;
    }
    default:
      throw new LabError('usage', `edgelab runs: unknown subcommand '${sub}'.`, 'Use `edgelab runs`, `edgelab runs show ID` or `edgelab runs verify`.');
  }
}

function formatRunList(runs: readonly RunSummary[]): string {
  const rows = runs.map((r) => {
    const verdict = r.state !== 'completed' && r.state !== 'observed' ? r.state : r.verdicts.fail ? 'FAIL' : r.verdicts.inconclusive ? 'inconclusive' : r.verdicts.pass ? 'pass' : '-';
    return [
      r.id,
      `${r.model?.fileName ?? r.specModel}${r.evidence === 'imported' ? ' [imported]' : ''}`,
      r.executionProvider ?? '-',
      r.p50LatencyMs === null ? '-' : formatMs(r.p50LatencyMs),
      r.p99LatencyMs === null ? '-' : formatMs(r.p99LatencyMs),
      String(r.sampleCount),
      verdict,
      r.label ?? '',
      r.notVerified ? 'NOT VERIFIED' : '',
    ];
  });
  const columns = [column('id'), column('model'), column('ep'), column('p50 ms', 'right'), column('p99 ms', 'right'), column('n', 'right'), column('verdict'), column('label'), column('evidence')];
  // The device column only when a run used one, so a CPU-only list reads as before.
  if (runs.some((r) => r.accelerator)) {
    return textTable({ columns: [...columns, column('device')], rows: rows.map((row, i) => [...row, runs[i]?.accelerator ?? '']) });
  }
  return textTable({ columns, rows });
}

/** Below the table: why each unverified run is not evidence, so the mark is never unexplained. */
function notVerifiedNote(runs: readonly RunSummary[]): string {
  const marked = runs.filter((r) => r.notVerified);
  if (marked.length === 0) return '';
  const lines = marked.map((r) => `  ${r.id}: ${r.notVerified}`);
  return `\nNOT VERIFIED: ${marked.length} run${marked.length === 1 ? '' : 's'} listed above fail the evidence check and count for nothing:\n${lines.join('\n')}\nSee \`edgelab runs verify\`.\n`;
}

function describeFilter(v: { model?: string | undefined; tag?: string[] | undefined; state?: string | undefined; since?: string | undefined }): string {
  const parts = [
    v.model !== undefined ? `--model ${v.model}` : '',
    ...(v.tag ?? []).map((t) => `--tag ${t}`),
    v.state !== undefined ? `--state ${v.state}` : '',
    v.since !== undefined ? `--since ${v.since}` : '',
  ].filter((p) => p !== '');
  return parts.length ? `${parts.join(' ')} (\`edgelab runs\` lists them all)` : 'the filter';
}
