import { LabError } from '../api/errors.js';
import { ExitCode } from '../api/exit-codes.js';
import type { SuiteMlflowView } from '../api/suite-run.js';
import type { CommandContext } from './context.js';

export const suiteMlflowHelp = `  --mlflow URL            after the suite, export its runs to this MLflow tracking server (see \`edgelab export --help\`)
  --experiment NAME       MLflow experiment for --mlflow (default: edgelab)
`;

/** The flags together; the address and the credentials are checked by the lab before anything is measured. */
export function checkSuiteMlflowFlags(url: string | undefined, experiment: string | undefined): void {
  if (url === undefined && experiment !== undefined) throw new LabError('usage', '--experiment is for --mlflow URL.', 'Add --mlflow http://HOST:5000, or drop --experiment.');
}

/**
 * The suite's export. A failed export does not hide the suite's verdict: the error is printed with
 * how to export later, and the exit code is the suite's, or 3 when the suite passed.
 */
export function printSuiteMlflow(mlflow: SuiteMlflowView, suiteExit: number, ctx: CommandContext): number {
  if (mlflow.error === null) {
    ctx.stderr.write(`MLflow: ${mlflow.runs} run${mlflow.runs === 1 ? '' : 's'} in experiment "${mlflow.experimentName}" on ${mlflow.trackingUri}\n`);
    return suiteExit;
  }
  const described = mlflow.error.hint ? `${mlflow.error.message}\n  ${mlflow.error.hint}` : mlflow.error.message;
  ctx.stderr.write(`edgelab: ${described}\n  The suite's runs are recorded; export them later with \`edgelab export mlflow ${mlflow.runIds.join(' ')} --tracking-uri ${mlflow.trackingUri}\`.\n`);
  return suiteExit === ExitCode.ok ? ExitCode.runtime : suiteExit;
}
