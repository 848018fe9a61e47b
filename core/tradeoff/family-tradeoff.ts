import type { PriceStatement } from '../api/brief.js';
import type { CompletedRun, RunRecord } from '../api/run-record.js';
import type { TradeoffFamily, TradeoffVariant, TradeoffView } from '../api/tradeoff.js';
import { joulesPerInference, streamCost } from '../brief/brief-options.js';
import { hardwareLabelOfRun } from '../brief/hardware-of-run.js';
import { STATED_BY_USER } from '../present/brief-sections.js';
import { fingerprintOf, timedRunOfPass } from '../evaluate/pass/timed-pair.js';
import { familyTag, passFacts, precisionOf, type PassFacts } from './pass-facts.js';
import { DOMINANCE_RULE, dominators } from './pareto-front.js';


export const FAMILY_RULE =
  'A model family is the runs the user tagged `family:NAME` (on the accuracy pass or its timed run); untagged, it is the accuracy passes over one labelled set ' +
  '(same SHA-256) whose timed runs fed the model the same input shape. A variant is one model file (SHA-256) on one engine and execution provider on one machine: ' +
  'its latest accuracy pass over that labelled set, with the latest timed run of the same model file on the same machine (the pairing the ladder\'s variant-tradeoff item uses).';

interface Placed {
  pass: RunRecord;
  facts: PassFacts;
  timed: CompletedRun | null;
  familyName: string;
  groupedBy: TradeoffFamily['groupedBy'];
  shape: string | null;
}

function shapeOf(run: CompletedRun | null): string | null {
  const shape = run?.inputs.tensors[0]?.shape;
  return shape && shape.length > 0 ? shape.join('×') : null;
}

/**
 * Every model family's tradeoff table from the workspace's records and the prices the user stated.
 * Records are taken oldest first, so "latest" is by start time. Pure: the lab reads the records and
 * prices, this only joins them.
 */
export function familyTradeoffs(records: readonly RunRecord[], prices: readonly PriceStatement[], ledgerHead: string | null): TradeoffView {
  const ordered = [...records].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const timedRuns = ordered.filter((r): r is CompletedRun => r.state === 'completed' && !r.spec.tags.includes('accuracy'));
  const leftOut: TradeoffView['leftOut'] = [];
  const latest = new Map<string, Placed>();
  for (const pass of ordered) {
    const facts = passFacts(pass);
    if (facts === null) continue;
    const timed = timedRunOfPass(pass, timedRuns);
    const tag = familyTag(pass) ?? familyTag(timed);
    const shape = shapeOf(timed);
    const placed: Placed = tag !== null
      ? { pass, facts, timed, familyName: tag, groupedBy: 'family tag', shape }
      : { pass, facts, timed, familyName: `${facts.labels.name} (${facts.labels.sha256.slice(0, 12)}…)${shape ? `, input ${shape}` : ''}`, groupedBy: 'labelled set and input shape', shape };
    // The labelled set is part of the key: a later pass of the same model on other labels (another
    // set, another task) belongs to another family and must not push this one's row out.
    const key = JSON.stringify([pass.model?.sha256, facts.engine, facts.executionProvider, fingerprintOf(pass), facts.labels.sha256]);
    const older = latest.get(key);
    if (older) leftOut.push({ id: older.pass.id, reason: `an older accuracy pass of the same variant; run ${pass.id} is used` });
    latest.set(key, placed);
  }
  // A pass with no timed run has no input shape of its own: it joins its labelled set's one family, if there is one.
  const placed = [...latest.values()];
  for (const p of placed) {
    if (p.groupedBy !== 'labelled set and input shape' || p.shape !== null) continue;
    const homes = new Set(placed.filter((o) => o.groupedBy === p.groupedBy && o.shape !== null && o.facts.labels.sha256 === p.facts.labels.sha256).map((o) => o.familyName));
    if (homes.size === 1) p.familyName = [...homes][0] as string;
  }
  const names = [...new Set(placed.map((p) => p.familyName))].sort();
  const families = names.map((name) => familyOf(name, placed.filter((p) => p.familyName === name), prices));
  return { families, rule: DOMINANCE_RULE, familyRule: FAMILY_RULE, leftOut, ledgerHead };
}

function variantOf(p: Placed, prices: readonly PriceStatement[]): Omit<TradeoffVariant, 'pareto' | 'dominatedBy'> {
  const cost = p.timed ? streamCost(p.timed, prices) : streamCost(p.pass, prices);
  const statement = cost.statement;
  const timed = p.timed;
  return {
    name: p.pass.spec.label ?? p.pass.model?.fileName ?? p.pass.spec.model,
    modelFile: p.pass.model?.fileName ?? p.pass.spec.model,
    modelSha256: p.pass.model?.sha256 ?? '',
    engine: p.facts.engine,
    executionProvider: p.facts.executionProvider,
    precision: precisionOf(p.pass),
    hardwareKind: cost.hardwareKind,
    hardwareLabel: hardwareLabelOfRun(timed ?? p.pass),
    accuracy: { metric: p.facts.metric, value: p.facts.value },
    drop: p.facts.drop,
    passRunId: p.pass.id,
    timedRunId: timed?.id ?? null,
    p50Ms: timed?.latencyMs.p50 ?? null,
    p99Ms: timed?.latencyMs.p99 ?? null,
    throughputPerS: timed?.throughputPerS ?? null,
    joulesPerInference: timed ? joulesPerInference(timed) : null,
    price: statement ? { amount: statement.amount, currency: statement.currency, date: statement.date, attestationId: statement.attestationId, source: STATED_BY_USER } : null,
    streamFps: cost.streamFps,
    streams: cost.streams,
    costPerStream: cost.costPerStream,
    unranked: timed ? null : `no timed run of ${p.pass.model?.fileName ?? 'this model'} on the machine of pass ${p.pass.id}: run edgelab bench on it there`,
  };
}

/** Which cost the front compares: per stream when every ranked variant has one, else per device, in one currency. */
function costObjective(ranked: ReadonlyArray<Omit<TradeoffVariant, 'pareto' | 'dominatedBy'>>): { label: string | null; of: (v: (typeof ranked)[number]) => number | null; why: string | null } {
  const none = (why: string) => ({ label: null, of: () => null, why });
  if (ranked.length === 0) return none('no variant has a timed run');
  const unpriced = ranked.filter((v) => v.price === null);
  if (unpriced.length > 0) return none(`no price stated for the hardware of ${unpriced.map((v) => v.name).join(', ')} (edgelab price set)`);
  if (new Set(ranked.map((v) => v.price?.currency)).size > 1) return none('the stated prices are in more than one currency');
  if (ranked.every((v) => v.costPerStream !== null)) return { label: 'cost per stream', of: (v) => v.costPerStream, why: null };
  return { label: 'price per device', of: (v) => v.price?.amount ?? null, why: null };
}

function familyOf(name: string, members: readonly Placed[], prices: readonly PriceStatement[]): TradeoffFamily {
  const variants = members.map((p) => variantOf(p, prices));
  const ranked = variants.filter((v) => v.unranked === null);
  const cost = costObjective(ranked);
  const scored = ranked.map((v) => ({ accuracy: v.accuracy.value, p99Ms: v.p99Ms as number, cost: cost.of(v) }));
  const beaten = dominators(scored, cost.label !== null);
  const first = members[0] as Placed;
  return {
    name,
    groupedBy: first.groupedBy,
    labels: first.groupedBy === 'family tag' ? null : first.facts.labels,
    inputShape: first.groupedBy === 'family tag' ? null : first.shape,
    objectives: ['accuracy', 'p99', ...(cost.label ? [cost.label] : [])],
    costLeftOut: cost.why,
    variants: variants.map((v) => {
      const i = ranked.indexOf(v);
      const by = i === -1 ? [] : (beaten[i] as number[]).map((j) => (ranked[j] as TradeoffVariant).name);
      return { ...v, pareto: i !== -1 && by.length === 0, dominatedBy: by };
    }),
  };
}
