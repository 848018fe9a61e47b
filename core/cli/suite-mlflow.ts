import { isLabError, LabError } from '../api/errors.js';
import { ExitCode } from '../api/exit-codes.js';
import type { LabApi } from '../api/lab-api.js';
import { parseTrackingUri, trackingAuthorization } from '../api/mlflow-tracking.js';
import type { CommandContext } from './context.js';

export const suiteMlflowHelp = `  --mlflow URL            after the suite, export its runs to this MLflow tracking server (see \`edgelab export --help\`)
  --experiment NAME       MLflow experiment for --mlflow (default: edgelab)
`;

/** Checked before anything is measured, so a typo in the URL or the credentials costs no run. */
export function checkSuiteMlflow(url: string | undefined, experiment: string | undefined, ctx: CommandContext): void {
  if (url === undefined) {
    if (experiment !== undefined) throw new LabError('usage', '--experiment is for --mlflow URL.', 'Add --mlflow http://HOST:5000, or drop --experiment.');
    return;
  }
  parseTrackingUri(url);
  trackingAuthorization(ctx.env);
}

/**
 * Exports a suite's recorded runs. A failed export does not hide the suite's verdict: the error is
 * printed with how to export later, and the exit code is the suite's, or 3 when the suite passed.
 */
export async function exportSuiteToMlflow(lab: Pick<LabApi, 'exportMlflow'>, runIds: readonly string[], url: string, experiment: string | undefined, suiteExit: number, ctx: CommandContext): Promise<number> {
  if (runIds.length === 0) return suiteExit;
  try {
    const result = await lab.exportMlflow({ ids: [...runIds], trackingUri: url, ...(experiment !== undefined ? { experiment } : {}) });
    ctx.stderr.write(`MLflow: ${result.runs.length} run${result.runs.length === 1 ? '' : 's'} in experiment "${result.experimentName}" on ${result.trackingUri}\n`);
    return suiteExit;
  } catch (e) {
    if (!isLabError(e)) throw e;
    ctx.stderr.write(`edgelab: ${e.describe()}\n  The suite's runs are recorded; export them later with \`edgelab export mlflow ${runIds.join(' ')} --tracking-uri ${url}\`.\n`);
    return suiteExit === ExitCode.ok ? ExitCode.runtime : suiteExit;
  }
}
