import { LabError } from '../api/errors.js';
import { PriceRequestSchema, type PriceList, type PriceRequest, type PriceStatement } from '../api/brief.js';
import type { Attestation } from '../evidence/attestation.js';
import type { Workspace } from '../evidence/workspace.js';
import { hardwareKindKey, hardwareKindLabel } from '../hardware/hardware-kind.js';
import { hardwareKindOfRun, hardwareLabelOfRun } from './hardware-of-run.js';

/** Prices are attestations under this item id per kind: never a ladder item, so they tick nothing. */
export function priceItemId(hardwareKind: string): string {
  return `price/${hardwareKind}`;
}

function statementOf(a: Attestation): PriceStatement | null {
  if (a.subject?.kind !== 'price') return null;
  const { hardwareKind, hardwareLabel, amount, currency } = a.subject;
  // The note carries the user's own words after the generated first line.
  const note = a.note.split('\n').slice(1).join('\n').trim();
  return { attestationId: a.id, hardwareKind, hardwareLabel, amount, currency, note: note === '' ? null : note, date: a.date };
}

async function thisMachine(): Promise<{ kind: string; label: string }> {
  // systeminformation loads only when this machine is asked about.
  const { readHardware } = await import('../hardware/read-hardware.js');
  const info = await readHardware();
  return { kind: hardwareKindKey(info), label: hardwareKindLabel(info) };
}

async function resolveTarget(workspace: Workspace, hardware: PriceRequest['hardware']): Promise<{ kind: string; label: string }> {
  if ('thisMachine' in hardware) return thisMachine();
  if ('runId' in hardware) {
    const run = await workspace.getRun(hardware.runId);
    const kind = hardwareKindOfRun(run);
    if (kind === null) {
      throw new LabError('usage', `Run ${run.id} names no measured machine (its record carries no hardware identity), so it has no hardware kind to price.`,
        'Price the machine itself: edgelab price set --this-machine on it, or --kind KEY from edgelab price list.', { field: { path: 'hardware.runId' } });
    }
    return { kind, label: hardwareLabelOfRun(run) };
  }
  const known = (await priceHistory(workspace)).history.find((p) => p.hardwareKind === hardware.kind);
  if (known) return { kind: hardware.kind, label: known.hardwareLabel };
  for (const summary of await workspace.listRuns()) {
    const run = await workspace.getRun(summary.id).catch(() => null);
    if (run && hardwareKindOfRun(run) === hardware.kind) return { kind: hardware.kind, label: hardwareLabelOfRun(run) };
  }
  throw new LabError('usage', `No run or price in ${workspace.dir} is of hardware kind ${hardware.kind}.`,
    'Use a kind `edgelab price list` or `edgelab price set --run RUN` names, or --this-machine on the device.', { field: { path: 'hardware.kind' } });
}

/** `edgelab price set`: the user's price for a hardware kind, stated once; a later statement supersedes it. */
export async function statePrice(workspace: Workspace, input: PriceRequest, now: Date = new Date()): Promise<PriceStatement> {
  const request = PriceRequestSchema.parse(input);
  const { kind, label } = await resolveTarget(workspace, request.hardware);
  const first = `Price of ${label}: ${request.amount} ${request.currency}, stated by the user.`;
  const attestation = await workspace.saveAttestation({
    itemId: priceItemId(kind),
    note: request.note ? `${first}\n${request.note.trim()}` : first,
    subject: { kind: 'price', hardwareKind: kind, hardwareLabel: label, amount: request.amount, currency: request.currency },
  }, now);
  return statementOf(attestation) as PriceStatement;
}

/** Every price statement that passes the evidence check, newest first, and the latest per kind. */
export async function priceHistory(workspace: Workspace): Promise<Pick<PriceList, 'current' | 'history'>> {
  const history = (await workspace.listAttestations()).flatMap((a) => statementOf(a) ?? []);
  const current: PriceStatement[] = [];
  for (const p of history) if (!current.some((c) => c.hardwareKind === p.hardwareKind)) current.push(p);
  return { current, history };
}

/** `edgelab price list`: the prices, and this machine's kind so a face can mark it. */
export async function listPrices(workspace: Workspace): Promise<PriceList> {
  return { ...(await priceHistory(workspace)), thisMachineKind: (await thisMachine()).kind };
}
