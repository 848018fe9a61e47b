import { ExitCode, exitCodeForVerdict } from '../api/exit-codes.js';
import type { ImportResult } from '../api/imports.js';
import type { LabApi } from '../api/lab-api.js';
import { formatRunSummary } from '../present/run-summary.js';
import type { CommandContext } from './context.js';

export interface ImportedRunOutput {
  json: boolean;
  /** The tool as the failure line names it: "the imported trtexec run failed". */
  tool: string;
  /** Whether the line after the summary says where the copied files are. */
  filesLine: boolean;
  /** false: the import judges nothing (tegrastats), so it exits 0 once recorded. */
  judged?: boolean;
}

/**
 * What every `edgelab import …` of a run prints: the recorded run (its summary, or the record as
 * JSON) read back through the lab, where it was kept, and the exit code of its verdicts, so a CI job
 * gates on an imported run as on a measured one.
 */
export async function printImportedRun(lab: LabApi, result: ImportResult, ctx: CommandContext, output: ImportedRunOutput): Promise<number> {
  const record = await lab.run(result.runId);
  if (output.json) ctx.stdout.write(JSON.stringify(record, null, 2) + '\n');
  else {
    const files = output.filesLine ? `; the files are in ${result.filesDir}` : '';
    ctx.stdout.write(`${formatRunSummary(record)}\nImported as ${record.id} in ${result.workspace}${files}.\n`);
  }
  if (output.judged === false) return ExitCode.ok;
  if (result.state === 'failed' || result.state === 'cancelled') {
    ctx.stderr.write(`edgelab: the imported ${output.tool} run failed: ${result.failure}\n`);
    return ExitCode.runtime;
  }
  return result.verdict === null ? ExitCode.ok : exitCodeForVerdict(result.verdict);
}
