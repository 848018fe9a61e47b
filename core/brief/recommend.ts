import type { BriefOption, BriefRecommendation, BriefRule } from '../api/brief.js';

/** The rule as the brief states it to its reader. */
export const RULE_TEXT: Readonly<Record<BriefRule, string>> = {
  'cheapest-passing': 'Recommend the option with the lowest hardware cost per stream among those that meet every target set for them.',
  'fastest-passing': 'Recommend the option with the lowest 99th percentile latency among those that meet every target set for them.',
};

/** Costs equal to the cent (or a thousandth of a millisecond) are a tie, not a difference to decide on. */
const TIE = { cost: 0.005, latencyMs: 0.0005 };

function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

function names(options: readonly BriefOption[]): string {
  const quoted = options.map((o) => `"${o.name}"`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** Breaks a tie on the rule's measure with the other one, then with the option listed first. */
function byLatency(a: BriefOption, b: BriefOption): number {
  return (a.p99Ms ?? Infinity) - (b.p99Ms ?? Infinity);
}

function cheapest(passing: readonly BriefOption[]): BriefRecommendation {
  const priced = passing.filter((o) => o.costPerStream !== null);
  const unpriced = passing.filter((o) => o.costPerStream === null);
  const unpricedNote = unpriced.length > 0 ? ` ${names(unpriced)} also meet${unpriced.length === 1 ? 's' : ''} every target but ${unpriced.length === 1 ? 'has' : 'have'} no cost per stream (no price stated, or no stream rate), so ${unpriced.length === 1 ? 'it was' : 'they were'} not compared on cost.` : '';
  if (priced.length === 0) {
    return { runId: null, sentence: `${names(passing)} meet${passing.length === 1 ? 's' : ''} every target, but no hardware price was stated for ${passing.length === 1 ? 'it' : 'them'}, so the cheapest cannot be named. State the prices (edgelab price set) and write the brief again.` };
  }
  const low = Math.min(...priced.map((o) => o.costPerStream as number));
  const tied = priced.filter((o) => (o.costPerStream as number) - low < TIE.cost);
  const best = [...tied].sort(byLatency)[0] as BriefOption;
  const cost = money(best.costPerStream as number, best.price?.currency ?? '');
  if (tied.length > 1) {
    return { runId: best.runId, sentence: `${names(tied)} cost the same, ${cost} per stream, and meet every target; "${best.name}" is recommended because its latency is the lowest of them.${unpricedNote}` };
  }
  return { runId: best.runId, sentence: `"${best.name}" is recommended: it meets every target at the lowest hardware cost, ${cost} per stream.${unpricedNote}` };
}

function fastest(passing: readonly BriefOption[]): BriefRecommendation {
  const timed = passing.filter((o) => o.p99Ms !== null).sort(byLatency);
  const best = timed[0] as BriefOption;
  const tied = passing.filter((o) => o.p99Ms !== null && o.p99Ms - (best.p99Ms as number) < TIE.latencyMs);
  if (tied.length > 1) {
    const byCost = [...tied].sort((a, b) => (a.costPerStream ?? Infinity) - (b.costPerStream ?? Infinity));
    const chosen = byCost[0] as BriefOption;
    return { runId: chosen.runId, sentence: `${names(tied)} are equally fast (${(best.p99Ms as number).toFixed(2)} ms at the 99th percentile) and meet every target; "${chosen.name}" is recommended because it ${chosen.costPerStream === null ? 'is listed first (no cost per stream to tell them apart)' : 'costs least per stream'}.` };
  }
  return { runId: best.runId, sentence: `"${best.name}" is recommended: it meets every target with the lowest latency, ${(best.p99Ms as number).toFixed(2)} ms at the 99th percentile.` };
}

/** The option the rule picks, or none, in the words the brief prints. */
export function recommend(options: readonly BriefOption[], rule: BriefRule): BriefRecommendation {
  const passing = options.filter((o) => o.passes);
  if (passing.length === 0) {
    const untargeted = options.filter((o) => o.verdicts.length === 0);
    const why = untargeted.length === options.length ? 'none of them was measured against a target' : 'none of them meets every target set for it';
    return { runId: null, sentence: `No option is recommended: ${why}. Measure again with the targets that matter (edgelab bench MODEL --target …), on other hardware or with another model.` };
  }
  return rule === 'cheapest-passing' ? cheapest(passing) : fastest(passing);
}

/** What the brief's figures do not show as measured here, one plain sentence per reason, naming the options. */
export function notMeasured(options: readonly BriefOption[]): string[] {
  const lines: Array<[(o: BriefOption) => boolean, (who: string, one: boolean) => string]> = [
    [(o) => o.evidence === 'imported', (who, one) => `The figures of ${who} were imported from another tool's files, not measured by edgelab.`],
    [(o) => o.evidence === 'merged-unsigned', (who, one) => `${who} ${one ? 'was' : 'were'} merged from a bundle no trusted key signed, so where ${one ? 'it was' : 'they were'} measured is not proven.`],
    [(o) => o.accuracy === null, (who) => `Accuracy was not measured for ${who}.`],
    [(o) => o.price === null, (who) => `No hardware price was stated for the hardware of ${who}.`],
    [(o) => o.streamFps === null, (who) => `No frame-rate target (or latency budget of 1 to 100 ms) was set for ${who}, so streams per device are not known.`],
    [(o) => o.joulesPerInference === null, (who) => `Energy per inference was not recorded for ${who}.`],
  ];
  return lines.flatMap(([applies, sentence]) => {
    const which = options.filter(applies);
    return which.length === 0 ? [] : [sentence(names(which), which.length === 1)];
  });
}
