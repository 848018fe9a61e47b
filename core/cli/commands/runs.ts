import { formatMs } from '../../present/format-values.js';
import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { RunSummary, RunSummaryFilter } from '../../api/run-summary.js';
import { formatRunSummary } from '../../present/run-summary.js';
import { worstImagesText } from '../../present/accuracy-images-text.js';
import { provenanceLabel, unitText } from '../../present/provenance-label.js';
import { column, textTable } from '../../present/table.js';
import { oneOf, parseFlags, wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { withCliLab, type CliLab } from '../open-cli-lab.js';
import { runsRequest, verifyCommand } from './runs-verify.js';
import { bundleCommand, mergeCommand } from './runs-bundle.js';

export const runsHelp = `Usage: edgelab runs [list] [flags]      list recorded runs, newest first
       edgelab runs show ID [--json]     one run (an id or a unique prefix of one)
       edgelab runs show ID --worst N [--class NAME]
                                         an accuracy run's N worst images: found, false, missed
       edgelab runs verify [--head HASH] [--allowed-signers FILE] [--accept-head HASH] [--accept-unrecorded]
                                         check every record against the ledger
       edgelab runs sign-head --key FILE  vouch for the ledger's head with an SSH key
       edgelab runs bundle [RUN…|--all|--since HEAD] --out FILE [--key FILE]
                                         runs, their ledger lines and files as one archive
       edgelab runs merge BUNDLE… [--allowed-signers FILE]
                                         check bundles and add their runs to this workspace

List flags
  --model NAME|SHA        runs of a model (file name, path or SHA-256 prefix)
  --tag TAG               runs carrying a tag (repeatable: all of them)
  --state STATE           completed, failed, cancelled, summary-only or observed (imports
                          with no per-inference samples)
  --since DATE            started at or after (ISO 8601, e.g. 2026-11-01)
  --limit N               at most N runs (default 50)
  --json                  print JSON

Show flags
  --worst N               an accuracy pass: its N worst images (1 to 100), with the predictions scored
                          0.25 or more matched at IoU 0.5 (found, false, missed), worst first
  --class NAME            with --worst: only images holding this class, and only its marks

Verify flags
  --head HASH             also check that a head pinned earlier (printed by verify, report and
                          ladder export) is still a line of this ledger: nothing before it changed
  --allowed-signers FILE  an ssh-keygen allowed-signers file: the workspace's signed head
                          (runs sign-head) must be a line of this ledger, signed by a key it names
  --accept-head HASH      this machine remembers the newest head it wrote or saw; a ledger that went
                          back or sideways from it fails verify. After a checkout or rebase you meant,
                          accept the ledger's current head (verify names it) with this flag
  --accept-unrecorded     add to the ledger the records a crash on this machine left unrecorded
                          (its write log names them with these bytes); hand-made or edited files are
                          named and left out; refused while the ledger is broken, cut or rewritten

Sign-head flags
  --key FILE              a private SSH key, or its .pub with the key in ssh-agent (ssh-keygen -Y sign);
                          writes ledger.signed-head and ledger.signed-head.sig into the workspace

Bundle flags
  --out FILE              the archive to write (ustar; \`tar -tf FILE\` lists it); never replaced
  --all                   every run in the ledger
  --since HEAD            only what was recorded after this ledger head (an entryHash that verify or
                          an earlier bundle printed); the bundle carries the ledger lines after it
  --key FILE              sign the bundle's manifest (ssh-keygen -Y sign, namespace edgelab-bundle)

Merge flags
  --allowed-signers FILE  keys whose bundles are trusted (default: allowed_signers in the workspace);
                          runs of an unsigned or untrusted bundle show as merged, unsigned, and tick
                          no measured ladder item. Merging a bundle again changes nothing
${workspaceHelp}  EDGELAB_STATE_DIR       where this machine remembers heads and its own writes, outside every
                          workspace (default: the OS state folder, e.g. ~/.local/state/edgelab)
`;

const options = {
  model: { type: 'string' },
  tag: { type: 'string', multiple: true },
  state: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  worst: { type: 'string' },
  class: { type: 'string' },
  json: { type: 'boolean' },
  'accept-unrecorded': { type: 'boolean' },
  head: { type: 'string' },
  'accept-head': { type: 'string' },
  'allowed-signers': { type: 'string' },
  key: { type: 'string' },
  out: { type: 'string' },
  all: { type: 'boolean' },
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
  const writes = (sub === 'verify' && v['accept-unrecorded']) || sub === 'sign-head' || sub === 'merge';
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab runs', readOnly: !writes }, (lab) => runsSubcommand(lab, sub, rest, v, ctx));
}

type RunsFlags = ReturnType<typeof parseFlags<typeof options>>['values'];

async function runsSubcommand(lab: CliLab, sub: string, rest: string[], v: RunsFlags, ctx: CommandContext): Promise<number> {
  switch (sub) {
    case 'list': {
      const filter: RunSummaryFilter = { limit: v.limit ? wholeNumber('--limit', v.limit, 1) : 50 };
      if (v.model) filter.model = v.model;
      if (v.tag) filter.tags = v.tag;
      if (v.state) filter.state = oneOf('--state', v.state, ['completed', 'failed', 'cancelled', 'summary-only', 'observed'] as const);
      if (v.since) filter.since = v.since;
      const list = await lab.runSummaries(runsRequest('runSummaries', { filter }).filter);
      const runs = list.runs;
      if (v.json) ctx.stdout.write(JSON.stringify(runs, null, 2) + '\n');
      else if (runs.length) ctx.stdout.write(formatRunList(runs) + '\n' + notVerifiedNote(runs));
      else if (list.recorded > 0) ctx.stdout.write(`No runs in ${list.workspace} match ${describeFilter(v)}.\n`);
      else ctx.stdout.write(`No runs recorded in ${list.workspace} yet. Record one with \`edgelab bench MODEL\`.\n`);
      for (const u of list.unreadable) ctx.stderr.write(`edgelab: skipped ${u.file}: ${u.message}\n`);
      return ExitCode.ok;
    }
    case 'show': {
      if (rest.length !== 1) throw new LabError('usage', 'edgelab runs show: expected one run id.', 'List ids with `edgelab runs`.');
      if (v.worst !== undefined) return worstImages(lab, rest[0] as string, v, ctx);
      if (v.class !== undefined) throw new LabError('usage', 'edgelab runs show: --class goes with --worst N.', 'Add --worst N to list the worst images holding the class.');
      const record = await lab.run(rest[0] as string);
      // Whether the run came in a bundle is the listing's to say: the record does not know it travelled.
      const merged = v.json ? undefined : (await lab.runs({})).find((r) => r.id === record.id && r.provenance?.bundle)?.provenance;
      ctx.stdout.write(v.json ? JSON.stringify(record, null, 2) + '\n' : formatRunSummary(record, merged) + '\n');
      return ExitCode.ok;
    }
    case 'verify':
      return verifyCommand(lab, v, ctx);
    case 'sign-head': {
      if (v.key === undefined) throw new LabError('usage', 'edgelab runs sign-head: --key FILE is required.', 'Give your SSH private key (e.g. --key ~/.ssh/id_ed25519), or its .pub with the key loaded in ssh-agent.');
      const signed = await lab.signHead(runsRequest('signHead', { request: { key: v.key } }).request);
      ctx.stdout.write(`Signed head ${signed.entryHash} (seq ${signed.seq}) of ${signed.workspace}: ${signed.files.join(', ')}.\nCommit both files; a reviewer checks them with \`edgelab runs verify --allowed-signers FILE\`.\n`);
      return ExitCode.ok;
    }
    case 'bundle':
      return bundleCommand(lab, rest, v, ctx);
    case 'merge':
      return mergeCommand(lab, rest, v, ctx);
    default:
      throw new LabError('usage', `edgelab runs: unknown subcommand '${sub}'.`, 'Use `edgelab runs`, `edgelab runs show ID`, `edgelab runs verify`, `edgelab runs sign-head --key FILE`, `edgelab runs bundle` or `edgelab runs merge`.');
  }
}

/** `runs show ID --worst N [--class NAME]`: the class is named as the run's classes name it. */
async function worstImages(lab: CliLab, runId: string, v: RunsFlags, ctx: CommandContext): Promise<number> {
  // 1 to 100, checked with every numeric flag (core/cli/numeric-flags.ts); the app's Images view pages through the rest.
  const limit = wholeNumber('--worst', v.worst as string, 1);
  let categoryId: number | undefined;
  if (v.class !== undefined) {
    const classes = (await lab.accuracyImages(runsRequest('accuracyImages', { request: { runId, limit: 1 } }).request)).classes;
    const found = classes.find((c) => c.name === v.class);
    if (!found) throw new LabError('usage', `edgelab runs show: run ${runId} has no class "${v.class}".`, `Its classes: ${classes.map((c) => c.name).join(', ') || 'none (a text pass has one)'}.`);
    categoryId = found.categoryId;
  }
  const view = await lab.accuracyImages(runsRequest('accuracyImages', { request: { runId, limit, ...(categoryId !== undefined ? { categoryId } : {}) } }).request);
  ctx.stdout.write(v.json ? JSON.stringify(view, null, 2) + '\n' : worstImagesText(view, v.class));
  return ExitCode.ok;
}

function formatRunList(runs: readonly RunSummary[]): string {
  const rows = runs.map((r) => {
    const verdict = r.state !== 'completed' && r.state !== 'summary-only' && r.state !== 'observed' ? r.state : r.verdicts.fail ? 'FAIL' : r.verdicts.inconclusive ? 'inconclusive' : r.verdicts.pass ? 'pass' : '-';
    return [
      r.id,
      `${r.model?.fileName ?? r.specModel}${r.evidence === 'imported' ? ' [imported]' : ''}${r.provenance?.kind === 'merged' ? ` [${provenanceLabel(r.provenance)}]` : ''}${r.state === 'summary-only' ? ' [summary only]' : ''}`,
      r.executionProvider ?? '-',
      r.p50LatencyMs === null ? '-' : formatMs(r.p50LatencyMs),
      r.p99LatencyMs === null ? (r.state === 'summary-only' ? 'not stated' : '-') : formatMs(r.p99LatencyMs),
      String(r.sampleCount),
      verdict,
      r.label ?? '',
      r.notVerified ? 'NOT VERIFIED' : '',
    ];
  });
  const columns = [column('id'), column('model'), column('ep'), column('p50 ms', 'right'), column('p99 ms', 'right'), column('n', 'right'), column('verdict'), column('label'), column('evidence')];
  // The device and unit columns only when a run has one, so a list of older CPU runs reads as before.
  if (runs.some((r) => r.accelerator)) {
    columns.push(column('device'));
    rows.forEach((row, i) => row.push(runs[i]?.accelerator ?? ''));
  }
  if (runs.some((r) => r.unit)) {
    columns.push(column('unit'));
    rows.forEach((row, i) => row.push(unitText(runs[i]?.unit) ?? ''));
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
