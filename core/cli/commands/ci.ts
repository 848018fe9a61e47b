import { mkdir, lstat } from 'node:fs/promises';
import path from 'node:path';
import { CI_ENGINES, DEFAULT_CI_DEVICES, DEFAULT_CI_SUITE, type CiDevice } from '../../api/ci-workflow.js';
import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { LabRequestSchemas } from '../../api/lab-requests.js';
import { openCiLab } from '../../lab/open-lab.js';
import { oneOf, parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { checkOutputPath, writeOutput } from '../output-file.js';

const defaultDevices = DEFAULT_CI_DEVICES.map((d) => (d.powerMode === undefined ? d.label : `${d.label}:${d.powerMode}`)).join(',');

export const ciHelp = `Usage: edgelab ci init github|gitlab [--out DIR] [--devices LIST] [--suite FILE] [--force]

Writes a CI workflow for self-hosted runners on the devices: a matrix job per device (picked by its
runner label, one job at a time per device) pins the power mode and clocks (sudo nvpmodel -m N,
sudo jetson_clocks; skipped with a note where there is no nvpmodel), runs the suite, and uploads its
runs as a bundle with the JUnit file; a fan-in job merges the bundles into one verified workspace,
writes the fleet report, exports to MLflow when MLFLOW_TRACKING_URI is set, and fails on any failed
gate. github writes .github/workflows/edgelab-fleet.yml, gitlab .gitlab-ci.yml; both run the same
commands.

  --out DIR               the repository root to write into (default: the current folder)
  --devices LIST          runner labels, each with the nvpmodel mode to pin after a colon
                          (default ${defaultDevices}; a label without a mode keeps the device's mode)
  --suite FILE            the suite every device runs, relative to the repository root
                          (default ${DEFAULT_CI_SUITE})
  --force                 overwrite a workflow file that exists
  -h, --help              this help
`;

const options = {
  out: { type: 'string' },
  devices: { type: 'string' },
  suite: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function ciCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('ci', argv, options);
  if (v.help || positionals.length === 0) {
    ctx.stdout.write(ciHelp);
    return v.help ? ExitCode.ok : ExitCode.usage;
  }
  const [sub, engine, ...rest] = positionals;
  if (sub !== 'init') throw new LabError('usage', `edgelab ci: unknown subcommand "${sub}".`, 'The subcommand is init: edgelab ci init github|gitlab.');
  if (engine === undefined || rest.length > 0) {
    throw new LabError('usage', `edgelab ci init: expected one CI engine, got ${engine === undefined ? 'none' : positionals.length - 1}.`, 'Usage: edgelab ci init github|gitlab [--out DIR].');
  }
  const devices = v.devices === undefined ? [...DEFAULT_CI_DEVICES] : parseDevices(v.devices);
  const suite = v.suite ?? DEFAULT_CI_SUITE;
  const parsed = LabRequestSchemas.ciWorkflow.safeParse({ request: { engine: oneOf('ci init', engine, CI_ENGINES), devices, suite } });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [, field, index] = issue.path;
    const value = field === 'suite' ? suite : typeof index === 'number' ? devices[index]?.label : v.devices;
    throw new LabError('usage', `--${String(field)} ${value ?? ''}: ${issue.message}.`, 'See `edgelab ci init --help`.');
  }
  const request = parsed.data.request;
  const cwd = process.cwd();
  const outDir = path.resolve(v.out ?? '.');
  const outStat = await lstat(outDir).catch(() => null);
  if (outStat !== null && !outStat.isDirectory()) {
    throw new LabError('input', `--out ${outDir} is a file; --out names the repository folder to write the workflow into.`, 'Give the folder at the root of the repository (the default is the current folder).');
  }
  const answer = await openCiLab().ciWorkflow(request);
  for (const file of answer.files) {
    const target = path.join(outDir, file.path);
    // A path below the current folder is shown relative to it; any other as it is, not as ../../…
    const relative = path.relative(cwd, target);
    const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? target : relative;
    if (!v.force && (await lstat(target).catch(() => null)) !== null) {
      throw new LabError('usage', `edgelab ci init: ${shown} exists; it was left as it is.`, 'Pass --force to replace it, or --out DIR to write into another repository.');
    }
    await mkdir(path.dirname(target), { recursive: true }).catch((e: NodeJS.ErrnoException) => {
      throw new LabError('input', `--out ${outDir}: cannot make the folder ${path.dirname(target)} (${e.code ?? e.message}).`, 'Give a repository folder this user may write into.');
    });
    await checkOutputPath('--out', target);
    await writeOutput('--out', target, file.content);
    ctx.stdout.write(`Wrote ${shown}\n`);
  }
  for (const note of answer.notes) ctx.stdout.write(`  ${note}\n`);
  return ExitCode.ok;
}

/** `orin-nx-16g:2,orin-nano-8g` → labels with the nvpmodel mode to pin; the schema checks the labels. */
function parseDevices(list: string): CiDevice[] {
  const entries = list.split(',').map((e) => e.trim());
  if (entries.some((e) => e === '')) throw new LabError('usage', `--devices ${list}: an empty entry.`, 'Give runner labels separated by commas, e.g. --devices orin-nx-16g:0,orin-nano-8g:0.');
  return entries.map((entry) => {
    const m = /^([^:]+)(?::(.*))?$/.exec(entry);
    const label = m?.[1] ?? entry;
    const mode = m?.[2];
    if (mode === undefined) return { label };
    if (!/^\d{1,2}$/.test(mode)) {
      throw new LabError('usage', `--devices ${entry}: the power mode "${mode}" is not an nvpmodel mode id (a whole number 0–99).`, '`nvpmodel -p --verbose` on the device lists its modes with their ids; e.g. --devices orin-nx-16g:0.');
    }
    return { label, powerMode: Number(mode) };
  });
}
