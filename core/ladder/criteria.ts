import type { CompletedRun, RunRecord } from '../api/run-record.js';
import { timedRunOfPass } from '../evaluate/pass/timed-pair.js';
import { explanationsOf, type LadderEvidence } from './evidence.js';
import { describeVerdict, isRealtimeVerdict } from './realtime-target.js';
import {
  accuracyPassFigure,
  evaluationFacts,
  hardwareFacts,
  isCompleted,
  modelName,
  PIPELINE_STAGES,
  pipelineFacts,
  profileFacts,
  suiteFacts,
} from './record-fields.js';

/** A run that satisfies a measured item, and why it does. */
export type { RunEvidence } from '../api/ladder.js';
import type { RunEvidence } from '../api/ladder.js';

export interface MeasuredOutcome {
  met: boolean;
  runs: RunEvidence[];
  /** When not met: what is missing, naming the closest runs and why they fall short. */
  missing: string | null;
}

export type Criterion = (evidence: LadderEvidence) => MeasuredOutcome;

const met = (runs: RunEvidence[]): MeasuredOutcome => ({ met: true, runs, missing: null });
const notMet = (missing: string): MeasuredOutcome => ({ met: false, runs: [], missing });

function completed(evidence: LadderEvidence): CompletedRun[] {
  return evidence.runs.filter(isCompleted);
}

function onHardware(run: CompletedRun): string {
  const hw = hardwareFacts(run);
  return hw.label ?? 'unrecorded hardware';
}

export const endToEndInference: Criterion = (evidence) => {
  const withPipeline = completed(evidence).map((run) => ({ run, pipeline: pipelineFacts(run) })).filter((r) => r.pipeline !== null);
  const full = withPipeline.filter(({ pipeline }) => pipeline !== null && pipeline.imageCount >= 1 && PIPELINE_STAGES.every((s) => pipeline.stages.includes(s)));
  if (full.length > 0) {
    return met(full.map(({ run, pipeline }) => ({
      runId: run.id,
      why: `${pipeline?.imageCount} real image(s) through preprocess, infer and postprocess with ${modelName(run)} on ${run.executionProvider}`,
    })));
  }
  const partial = withPipeline[0];
  if (partial?.pipeline) {
    const lacking = PIPELINE_STAGES.filter((s) => !partial.pipeline?.stages.includes(s));
    const what = partial.pipeline.imageCount < 1 ? 'read no image files' : `has no timed ${lacking.join(', ')} stage`;
    return notMet(`Run ${partial.run.id} is a pipeline run but ${what}.`);
  }
  return notMet('No completed run read real images through preprocessing, inference and postprocessing.');
};

/**
 * Outputs checked against test data, or an accuracy measured. A check that did not match (some set
 * outside tolerance) is a failed check: it shows the engineer ran one, not that the model is right,
 * so it never ticks the item.
 */
export const evaluationCase: Criterion = (evidence) => {
  const failed: string[] = [];
  const runs = completed(evidence).flatMap((run) => {
    const facts = evaluationFacts(run);
    if (!facts) return [];
    const mismatched = facts.cases > 0 && facts.passed !== null && facts.passed < facts.cases;
    if (mismatched && facts.top1 === null) {
      failed.push(`${run.id} (${modelName(run)}: ${facts.passed} of ${facts.cases} test-data case(s) matched)`);
      return [];
    }
    const parts: string[] = [];
    if (facts.cases > 0 && !mismatched) parts.push(`${facts.cases} test-data case(s)${facts.passed === null ? '' : `, ${facts.passed} matched`}`);
    if (facts.top1 !== null) parts.push(`top-1 accuracy ${(facts.top1 * 100).toFixed(1)} %`);
    return [{ runId: run.id, why: `${modelName(run)}: ${parts.join('; ')}` }];
  });
  if (runs.length > 0) return met(runs);
  if (failed.length > 0) return notMet(`Output checks failed: ${failed.slice(0, 3).join('; ')}. A failed check is not evidence; fix the model or the expected outputs and run edgelab eval again.`);
  return notMet('No completed run compared its outputs with test data or recorded an accuracy.');
};

export const profileExplained: Criterion = (evidence) => {
  const profiled = completed(evidence).filter((run) => profileFacts(run) !== null);
  if (profiled.length === 0) return notMet('No completed run carries an op-level profile.');
  const named = profiled.filter((run) => hardwareFacts(run).label !== null);
  if (named.length === 0) {
    return notMet(`Run ${profiled[0]?.id} has a profile, but no hardware was recorded with it, so the target is not named. Re-run it where the workspace records hardware.`);
  }
  const explained = named.filter((run) => explanationsOf(evidence, run.id).length > 0);
  if (explained.length === 0) {
    const first = named[0] as CompletedRun;
    return notMet(`Run ${first.id} was profiled on ${onHardware(first)} but has no written explanation of its bottlenecks. Add one: edgelab ladder explain ${first.id} --note "…".`);
  }
  return met(explained.map((run) => {
    const top = profileFacts(run)?.topOpType;
    const count = explanationsOf(evidence, run.id).length;
    return {
      runId: run.id,
      why: `op-level profile of ${modelName(run)} on ${onHardware(run)}${top ? ` (largest op type: ${top})` : ''}, with ${count} written explanation(s)`,
    };
  }));
};

export const suiteUpkeep: Criterion = (evidence) => {
  const bySuite = new Map<string, Map<string, string>>();
  for (const run of completed(evidence)) {
    const suite = suiteFacts(run);
    if (!suite) continue;
    const days = bySuite.get(suite.name) ?? new Map<string, string>();
    // Runs are newest first, so the run kept per day is the day's last one.
    if (!days.has(suite.day)) days.set(suite.day, run.id);
    bySuite.set(suite.name, days);
  }
  if (bySuite.size === 0) return notMet('No completed run belongs to a benchmark suite.');
  const kept = [...bySuite].filter(([, days]) => days.size >= 2);
  if (kept.length === 0) {
    const [name, days] = [...bySuite][0] as [string, Map<string, string>];
    return notMet(`Suite "${name}" ran only on ${[...days.keys()].join(', ')}; run it again on another day.`);
  }
  return met(kept.flatMap(([name, days]) =>
    [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, runId]) => ({ runId, why: `suite "${name}" run on ${day} (${days.size} different days)` })),
  ));
};

export const edgeRealtime: Criterion = (evidence) => {
  const withTarget = completed(evidence).filter((run) => run.verdicts.some(isRealtimeVerdict));
  const passing = (run: CompletedRun) => {
    const realtime = run.verdicts.filter(isRealtimeVerdict);
    return realtime.some((v) => v.status === 'pass') && realtime.every((v) => v.status === 'pass');
  };
  const onEdge = withTarget.filter((run) => hardwareFacts(run).edgeClass);
  const good = onEdge.filter(passing);
  if (good.length > 0) {
    return met(good.map((run) => {
      const hw = hardwareFacts(run);
      const verdicts = run.verdicts.filter(isRealtimeVerdict).map(describeVerdict).join('; ');
      return { runId: run.id, why: `${modelName(run)} on ${hw.label ?? 'an unnamed device'} (${hw.deviceClass}): ${verdicts}` };
    }));
  }
  const edgeMiss = onEdge[0];
  if (edgeMiss) {
    const notPassing = edgeMiss.verdicts.filter((v) => isRealtimeVerdict(v) && v.status !== 'pass').map(describeVerdict).join('; ');
    return notMet(`Run ${edgeMiss.id} ran on an edge device (${hardwareFacts(edgeMiss).deviceClass}) but its real-time target was not met: ${notPassing}.`);
  }
  const elsewhere = withTarget.find(passing);
  if (elsewhere) {
    const hw = hardwareFacts(elsewhere);
    return notMet(
      `Run ${elsewhere.id} met its real-time target on ${hw.deviceClass === null ? 'a machine of unrecorded class' : `a ${hw.deviceClass}`}${hw.label ? ` (${hw.label})` : ''}; ` +
        'laptops, desktops and servers are their own class, not edge devices. Run the same target on a Jetson or an ARM board.',
    );
  }
  return notMet('No completed run on a Jetson or ARM board passed a real-time target.');
};

/** A model's accuracy figure beside its speed on one machine: from one classification run, or an accuracy pass and a timed run. */
interface ScoredVariant {
  run: RunRecord;
  timed: CompletedRun;
  figure: string;
}

function scoredVariants(evidence: LadderEvidence): ScoredVariant[] {
  const timedRuns = completed(evidence);
  const fromTop1 = timedRuns
    .filter((run) => run.model !== null && evaluationFacts(run)?.top1 != null)
    .map((run) => ({ run, timed: run, figure: `top-1 ${((evaluationFacts(run)?.top1 ?? 0) * 100).toFixed(1)} %` }));
  // An accuracy pass is untimed: its speed is the latest timed run of the same model on the same machine.
  const fromPasses = evidence.runs.flatMap((run): ScoredVariant[] => {
    const figure = accuracyPassFigure(run);
    const timed = figure === null ? null : timedRunOfPass(run, timedRuns);
    return timed && figure !== null ? [{ run, timed, figure }] : [];
  });
  return [...fromTop1, ...fromPasses];
}

export const variantTradeoff: Criterion = (evidence) => {
  const scored = scoredVariants(evidence);
  // A passing accuracy pass without a timed run of its model on its machine counts as no figure yet.
  if (scored.length === 0) return notMet('No completed run recorded an accuracy figure for its model.');
  const byMachine = new Map<string, Map<string, ScoredVariant>>();
  for (const v of scored) {
    const fingerprint = hardwareFacts(v.run).fingerprint;
    if (fingerprint === null || v.run.model === null) continue;
    const models = byMachine.get(fingerprint) ?? new Map<string, ScoredVariant>();
    if (!models.has(v.run.model.sha256)) models.set(v.run.model.sha256, v);
    byMachine.set(fingerprint, models);
  }
  const compared = [...byMachine.values()].filter((models) => models.size >= 2);
  if (compared.length === 0) {
    const variants = new Set(scored.map((v) => v.run.model?.sha256)).size;
    return notMet(
      variants < 2
        ? `Only one model (${modelName((scored[0] as ScoredVariant).run)}) has an accuracy figure; measure a second variant the same way.`
        : 'Variants with accuracy figures were measured on different (or unrecorded) machines; measure them on one machine so speed can be compared.',
    );
  }
  return met(compared.flatMap((models) => [...models.values()].map(({ run, timed, figure }) => ({
    runId: run.id,
    why: `${modelName(run)}: ${figure}, p50 ${timed.latencyMs.p50.toFixed(2)} ms${timed.id === run.id ? '' : ` (run ${timed.id})`}, ${(run.model?.sizeBytes ?? 0).toLocaleString('en-US')} bytes, on ${onHardware(timed)}`,
  }))));
};

/** Measured item id → its criterion. Every measured item in gates.ts has exactly one entry. */
export const CRITERIA: Readonly<Record<string, Criterion>> = {
  'e2e-inference': endToEndInference,
  'eval-case': evaluationCase,
  'profile-explained': profileExplained,
  'benchmark-upkeep': suiteUpkeep,
  'edge-realtime': edgeRealtime,
  'variant-tradeoff': variantTradeoff,
};
