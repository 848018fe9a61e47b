import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { priceTable } from '../../present/brief-sections.js';
import { textTable } from '../../present/table.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { labRequest } from '../lab-request.js';
import { labFolder, withCliLab } from '../open-cli-lab.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';

export const priceHelp = `Usage: edgelab price set (--this-machine | --kind KEY | --run RUN) AMOUNT --currency CODE [--note TEXT]
       edgelab price list [--history] [--json]

What one device of a hardware kind costs, as you state it: kept in the workspace as dated,
ledgered evidence (never edited; a later statement supersedes an earlier one, the history stays).
Briefs divide it by the streams a device carries and show it as "stated by the user".
A hardware kind is the machine without its power mode: two boards of one model are one kind.

  --this-machine          the kind of the machine this runs on
  --kind KEY              a kind as edgelab price list prints it (quote it)
  --run RUN               the kind of the machine a run was measured on (a unique id prefix works)
  --currency CODE         ISO 4217 code, e.g. EUR, USD
  --note TEXT             where the price comes from (a quote, a catalogue page)
  --history               list every statement, superseded ones too
  --json                  print as JSON
${workspaceHelp}`;

const options = {
  ...workspaceOption,
  'this-machine': { type: 'boolean' },
  kind: { type: 'string' },
  run: { type: 'string' },
  currency: { type: 'string' },
  note: { type: 'string' },
  history: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FLAGS = { hardware: '--this-machine, --kind or --run', kind: '--kind', runId: '--run', amount: 'AMOUNT', currency: '--currency', note: '--note' };

function amountOf(text: string | undefined): number {
  const value = text === undefined ? NaN : Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) {
    throw new LabError('usage', `edgelab price set: AMOUNT ${text === undefined ? 'is missing' : `"${text}" is not a number`}.`, 'Give the price of one device as a number, e.g. edgelab price set --this-machine 899 --currency EUR.');
  }
  return value;
}

export async function priceCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('price', argv, options);
  const [sub, ...rest] = positionals;
  if (v.help || sub === undefined) {
    ctx.stdout.write(priceHelp);
    return v.help ? ExitCode.ok : ExitCode.usage;
  }
  if (sub === 'list') {
    return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab price' }, async (lab) => {
      const prices = await lab.prices();
      const shown = v.history ? prices.history : prices.current;
      if (v.json) ctx.stdout.write(`${JSON.stringify(v.history ? prices : { current: prices.current, thisMachineKind: prices.thisMachineKind }, null, 2)}\n`);
      else if (shown.length === 0) ctx.stdout.write(`No hardware prices stated in ${labFolder(lab)}. State one with edgelab price set --this-machine AMOUNT --currency EUR.\nThis machine's kind: ${prices.thisMachineKind}\n`);
      else ctx.stdout.write(`${textTable(priceTable(shown, prices.thisMachineKind))}\n`);
      return ExitCode.ok;
    });
  }
  if (sub !== 'set') throw new LabError('usage', `edgelab price: unknown subcommand "${sub}".`, 'Subcommands: set, list. See `edgelab price --help`.');
  const chosen = [v['this-machine'] ? '--this-machine' : null, v.kind !== undefined ? '--kind' : null, v.run !== undefined ? '--run' : null].filter((f) => f !== null);
  if (chosen.length !== 1) {
    throw new LabError('usage', `edgelab price set: ${chosen.length === 0 ? 'say which hardware the price is for' : `${chosen.join(' and ')} name different hardware; give one`}.`, 'Use one of --this-machine, --kind KEY or --run RUN.');
  }
  if (rest.length > 1) throw new LabError('usage', `edgelab price set: expected one AMOUNT, got ${rest.join(' ')}.`, 'e.g. edgelab price set --this-machine 899 --currency EUR.');
  if (v.currency === undefined) throw new LabError('usage', 'edgelab price set: --currency is missing.', 'Give the ISO 4217 code of the amount, e.g. --currency EUR.');
  const hardware = v['this-machine'] ? { thisMachine: true as const } : v.kind !== undefined ? { kind: v.kind } : { runId: v.run as string };
  const { request } = labRequest('statePrice', {
    request: { hardware, amount: amountOf(rest[0]), currency: v.currency, ...(v.note !== undefined ? { note: v.note } : {}) },
  }, FLAGS, 'See `edgelab price --help`.');
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab price' }, async (lab) => {
    const price = await lab.statePrice(request);
    ctx.stdout.write(`Price of ${price.hardwareLabel}: ${price.amount} ${price.currency}, stated by the user (attestation ${price.attestationId}).\nHardware kind: ${price.hardwareKind}\n`);
    return ExitCode.ok;
  });
}
