/**
 * The commands whose output a release's workspace fixture keeps as goldens, shared by the script
 * that makes the fixture and the test that opens it with a later edgelab: both must run the same
 * lines, or a golden would describe a command the test never ran.
 */

/** What the fixture's manifest names: the runs and attestation each command is pointed at. */
export interface LegacyIds {
  baseline: string;
  oneThread: string;
  pipeline: string;
  profiled: string;
  explanation: string;
  importedTrtexec: string;
  importedOrtProfile: string;
  failed: string;
  attestation: string;
}

export interface GoldenCommand {
  /** File name under the fixture's golden/ folder. */
  golden: string;
  args: (ids: LegacyIds) => string[];
  /** The exit code the command had when the golden was made. */
  code: number;
}

const runIds = (ids: LegacyIds) => [ids.baseline, ids.oneThread, ids.pipeline, ids.profiled, ids.importedTrtexec, ids.importedOrtProfile, ids.failed];

export const goldenCommands: GoldenCommand[] = [
  { golden: 'runs.txt', args: () => ['runs'], code: 0 },
  { golden: 'runs.json', args: () => ['runs', '--json'], code: 0 },
  { golden: 'runs-verify.txt', args: () => ['runs', 'verify'], code: 0 },
  { golden: 'runs-verify.json', args: () => ['runs', 'verify', '--json'], code: 0 },
  { golden: 'ladder.txt', args: () => ['ladder'], code: 0 },
  { golden: 'ladder.json', args: () => ['ladder', '--json'], code: 0 },
  { golden: 'report.md', args: (ids) => ['report', ...runIds(ids), '--format', 'md'], code: 0 },
  { golden: 'report.json', args: (ids) => ['report', ...runIds(ids), '--format', 'json'], code: 0 },
  { golden: 'compare.txt', args: (ids) => ['compare', ids.baseline, ids.oneThread], code: 0 },
  { golden: 'compare.json', args: (ids) => ['compare', ids.baseline, ids.oneThread, '--json'], code: 0 },
  { golden: 'runs-show-imported-trtexec.txt', args: (ids) => ['runs', 'show', ids.importedTrtexec], code: 0 },
];

/** Where the workspace sat when a golden was made: goldens name it `<workspace>` instead. */
export const WORKSPACE_PLACEHOLDER = '<workspace>';

export function normaliseOutput(text: string, workspace: string): string {
  return text.split(workspace).join(WORKSPACE_PLACEHOLDER);
}
