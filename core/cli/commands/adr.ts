import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { DECISION_STATUS_NAMES as DECISION_STATUSES } from '../../api/decision-record.js';
import { LabRequestSchemas } from '../../api/lab-requests.js';
import { oneOf, parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { labFolder, withCliLab } from '../open-cli-lab.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';

export const adrHelp = `Usage: edgelab adr new "TITLE" [--run ID ...] [flags]
       edgelab adr list [--json]

Architecture decision records: one Markdown file per decision (context, decision, consequences,
and the runs that back it) in the workspace's adr/ folder, numbered adr/NNNN-title.md.

  --run ID                a run that is evidence for the decision (repeatable; a unique id prefix works)
  --status STATUS         ${DECISION_STATUSES.join(', ')} (default proposed)
  --context TEXT          the forces at play (otherwise a prompt to fill in)
  --decision TEXT         what was decided
  --consequences TEXT     what becomes easier or harder
  --json                  list as JSON
${workspaceHelp}`;

const options = {
  ...workspaceOption,
  run: { type: 'string', multiple: true },
  status: { type: 'string' },
  context: { type: 'string' },
  decision: { type: 'string' },
  consequences: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function adrCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('adr', argv, options);
  const [sub, ...rest] = positionals;
  if (v.help || sub === undefined) {
    ctx.stdout.write(adrHelp);
    return v.help ? ExitCode.ok : ExitCode.usage;
  }
  if (sub !== 'new' && sub !== 'list') {
    throw new LabError('usage', `edgelab adr: unknown subcommand "${sub}".`, 'Subcommands: new, list. See `edgelab adr --help`.');
  }
  if (sub === 'list') return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab adr' }, async (lab) => {
    const records = await lab.decisionRecords();
    if (v.json) ctx.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    else if (records.length === 0) ctx.stdout.write(`No decision records in ${labFolder(lab)}. Write one with edgelab adr new "TITLE".\n`);
    else {
      for (const r of records) {
        ctx.stdout.write(`${String(r.number).padStart(4, '0')}  ${r.date.padEnd(10)}  ${r.status.padEnd(10)}  ${r.title}  (${r.runIds.length} run(s))  ${r.file}\n`);
      }
    }
    return ExitCode.ok;
  });
  if (rest.length !== 1) {
    throw new LabError('usage', `edgelab adr new: expected one title, got ${rest.length === 0 ? 'none' : rest.length}.`, 'Quote the title: edgelab adr new "Run the detector in INT8 on the Jetson".');
  }
  const { request } = LabRequestSchemas.newDecisionRecord.parse({
    request: {
      title: rest[0] as string,
      runIds: v.run ?? [],
      ...(v.status ? { status: oneOf('--status', v.status, DECISION_STATUSES) } : {}),
      ...(v.context ? { context: v.context } : {}),
      ...(v.decision ? { decision: v.decision } : {}),
      ...(v.consequences ? { consequences: v.consequences } : {}),
    },
  });
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab adr' }, async (lab) => {
    const record = await lab.newDecisionRecord(request);
    ctx.stdout.write(`Wrote ${record.path}\n`);
    return ExitCode.ok;
  });
}
