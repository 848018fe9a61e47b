import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { DEFAULT_EXPERIMENT, type MlflowExportedRun } from '../../api/team-export.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { labRequest, withoutUndefined } from '../lab-request.js';
import { withCliLab } from '../open-cli-lab.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';

const FLAG_OF_FIELD = { ids: 'RUN', trackingUri: '--tracking-uri', experiment: '--experiment', dir: 'DIR' };
const HELP = 'See `edgelab export --help`.';

export const exportHelp = `Usage: edgelab export mlflow [RUN...|--all] [--tracking-uri URL] [--experiment NAME]
       edgelab export dvc DIR [RUN...]

Puts recorded runs where a team keeps its history. Runs are ids, unique prefixes or \`latest\`;
each is checked against the ledger first, and the workspace itself never changes.

mlflow   one MLflow run per edgelab run, through the tracking server's REST API: params from the
         RunSpec, metrics (percentiles, throughput, cold start, energy, verdict counts, and the
         latency of every iteration as a series by step), tags (edgelab run id, model SHA-256,
         hardware fingerprint, ledger head, verdicts) and artifacts (the record, the HTML report,
         the profile trace). A run the experiment already holds is not sent again.
  --tracking-uri URL      the MLflow tracking server (default: $MLFLOW_TRACKING_URI)
  --experiment NAME       experiment to log into, created when missing (default: ${DEFAULT_EXPERIMENT})
  --all                   every run in the workspace
  Credentials: MLFLOW_TRACKING_TOKEN (Bearer), or MLFLOW_TRACKING_USERNAME and
  MLFLOW_TRACKING_PASSWORD (Basic), as MLflow's own clients read them.

dvc      dvc.yaml (metrics, params, plots), params.yaml, metrics/<run>.json and plots/<run>/*.tsv
         in DIR, for \`dvc metrics show|diff\` and \`dvc plots show\` in the repo. Without RUNs: the
         newest run of each label. The same runs always give the same bytes. edgelab-export.json
         lists each file with its SHA-256; a later export removes only files it lists, unchanged.

  --json                  print the result as JSON
${workspaceHelp}`;

export async function exportCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('export', argv, {
    'tracking-uri': { type: 'string' }, experiment: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...workspaceOption,
  });
  if (v.help) {
    ctx.stdout.write(exportHelp);
    return ExitCode.ok;
  }
  const [target, ...rest] = positionals;
  if (target === 'mlflow') {
    const trackingUri = v['tracking-uri'] ?? ctx.env['MLFLOW_TRACKING_URI'];
    if (!trackingUri) throw new LabError('usage', 'edgelab export mlflow: no tracking server given.', 'Pass --tracking-uri http://HOST:5000 or set MLFLOW_TRACKING_URI.');
    if (v.experiment !== undefined && v.experiment.trim() === '') throw new LabError('usage', '--experiment: the name is empty.', `Leave it out to use "${DEFAULT_EXPERIMENT}".`);
    const { request } = labRequest('exportMlflow', { request: { ids: rest, trackingUri, ...(v.experiment !== undefined ? { experiment: v.experiment } : {}), all: v.all ?? false } }, FLAG_OF_FIELD, HELP);
    const result = await withCliLab(ctx, { workspace: v.workspace, command: 'edgelab export' }, (lab) => {
      // Each run as it lands, not all at the end: an export of many runs to a slow server shows it moving.
      if (!v.json) lab.onEvent((e) => e.type === 'exported' && ctx.stderr.write(`${describeRun(e.run)}\n`));
      return lab.exportMlflow(withoutUndefined(request));
    });
    if (v.json) {
      ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const sent = result.runs.filter((r) => r.outcome === 'exported').length;
      ctx.stdout.write(`${sent} run${sent === 1 ? '' : 's'} exported, ${result.runs.length - sent} already there — experiment "${result.experimentName}" (${result.experimentId}) on ${result.trackingUri}\n`);
    }
    return ExitCode.ok;
  }
  if (target === 'dvc') {
    const [dir, ...ids] = rest;
    if (!dir) throw new LabError('usage', 'edgelab export dvc: name the folder to write, e.g. `edgelab export dvc perf/`.', 'It holds dvc.yaml, params.yaml, metrics/ and plots/; commit it beside your model.');
    if (v.all || v['tracking-uri'] || v.experiment) throw new LabError('usage', 'edgelab export dvc takes DIR and run ids; --all, --tracking-uri and --experiment are for mlflow.', 'Without run ids it exports the newest run of each label.');
    const { request } = labRequest('exportDvc', { request: { dir, ids } }, FLAG_OF_FIELD, HELP);
    const result = await withCliLab(ctx, { workspace: v.workspace, command: 'edgelab export' }, (lab) => lab.exportDvc(request));
    if (v.json) {
      ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      ctx.stdout.write(`Wrote ${result.runs.length} run${result.runs.length === 1 ? '' : 's'} to ${result.dir}: ${result.runs.map((r) => `${r.key} (${r.runId})`).join(', ')}\n`);
      if (result.removed.length) ctx.stdout.write(`Removed from an earlier export (unchanged, as its manifest lists them): ${result.removed.join(', ')}\n`);
      for (const { file, why } of result.leftOver) ctx.stdout.write(`Left in place: ${file} (${why})\n`);
      ctx.stdout.write(`Ledger head (pin it; also in ${result.dir}/edgelab-export.json): ${result.ledgerHead ?? 'none (empty ledger)'}${result.signedHead ? `; signed head ${result.signedHead}` : ''}\n`);
      ctx.stdout.write(result.templateInstalledAt
        ? `CDF template installed at ${result.templateInstalledAt}. Try: dvc metrics show; dvc plots show\n`
        : 'No .dvc folder above it: run `dvc init` at the repository root and export again, so `dvc plots show` finds the CDF template.\n');
    }
    return ExitCode.ok;
  }
  throw new LabError('usage', target ? `edgelab export ${target}: not a destination.` : 'edgelab export: name a destination.', 'Use `edgelab export mlflow …` or `edgelab export dvc DIR …`; see `edgelab export --help`.');
}

function describeRun(run: MlflowExportedRun): string {
  return run.outcome === 'exported'
    ? `exported ${run.runId} → ${run.url} (${run.logBatchCalls} log-batch calls, ${run.artifacts.length} artifacts)`
    : `already exported ${run.runId} → ${run.url}`;
}
