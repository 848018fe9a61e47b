import { evidenceKind } from '../api/run-record.js';
import type { CompletedRun } from '../api/run-record.js';
import { edgeRealtime, profileExplained, suiteUpkeep, variantTradeoff, type MeasuredOutcome } from './criteria.js';
import type { LadderEvidence } from './evidence.js';
import { describeVerdict, isThirtyFpsVerdict } from './realtime-target.js';
import { batchSize, isCompleted, modelName, suiteFacts } from './record-fields.js';

export interface LabCheck {
  done: boolean;
  /** The run(s) or record that completed the lab, or what is still missing. */
  detail: string;
}

/**
 * A practice lab: one exercise with a goal, the ladder item it builds evidence for, the commands to
 * follow, and a check that reads the workspace, so a lab is done when the evidence says so.
 */
export interface PracticeLab {
  id: string;
  title: string;
  goal: string;
  /** The ladder item this lab produces evidence for. */
  serves: string;
  steps: string[];
  check: (evidence: LadderEvidence) => LabCheck;
}

function fromOutcome(outcome: MeasuredOutcome): LabCheck {
  return outcome.met
    ? { done: true, detail: outcome.runs.map((r) => `run ${r.runId}: ${r.why}`).join('\n') }
    : { done: false, detail: outcome.missing ?? 'Not done yet.' };
}

// Practice labs are done by measuring: imported runs do not complete them.
function completed(evidence: LadderEvidence): CompletedRun[] {
  return evidence.runs.filter(isCompleted).filter((r) => evidenceKind(r) === 'measured');
}

const PRECISION_WORDS = /(fp16|float16|half|int8|uint8|qdq|quant|bf16)/i;

export const LABS: readonly PracticeLab[] = [
  {
    id: 'first-inference',
    title: 'First inference, end to end',
    goal: 'Load an ONNX model, look at what it expects, and time it on this machine.',
    serves: 'e2e-inference',
    steps: ['edgelab inspect MODEL.onnx', 'edgelab bench MODEL.onnx', 'edgelab bench MODEL.onnx --images DIR  (real images through the whole pipeline)'],
    check: (evidence) => {
      const first = completed(evidence).at(-1);
      return first
        ? { done: true, detail: `run ${first.id}: ${modelName(first)}, p50 ${first.latencyMs.p50.toFixed(2)} ms on ${first.executionProvider}` }
        : { done: false, detail: 'No completed run in the workspace yet.' };
    },
  },
  {
    id: 'latency-budget',
    title: 'A 30 FPS latency budget',
    goal: 'Hold a model to a 30 FPS budget (33 ms per frame) and read the verdict: met or missed, and by how much.',
    serves: 'edge-realtime',
    steps: ['edgelab bench MODEL.onnx --target realtime-30', 'edgelab bench MODEL.onnx --target p99<=33ms --duration 30s  (if the verdict is inconclusive)'],
    check: (evidence) => {
      for (const run of completed(evidence)) {
        const verdict = run.verdicts.find((v) => isThirtyFpsVerdict(v) && v.status !== 'inconclusive');
        if (verdict) return { done: true, detail: `run ${run.id}: ${describeVerdict(verdict)}` };
      }
      const inconclusive = completed(evidence).find((run) => run.verdicts.some(isThirtyFpsVerdict));
      return inconclusive
        ? { done: false, detail: `Run ${inconclusive.id} has a 30 FPS target but its verdict is inconclusive; run longer so the interval clears the threshold.` }
        : { done: false, detail: 'No run has a 30 FPS target (realtime-30, p99<=33ms or fps>=30).' };
    },
  },
  {
    id: 'find-bottleneck',
    title: 'Find the bottleneck',
    goal: 'Profile a model per operator, find where the time goes, and write down why in your own words.',
    serves: 'profile-explained',
    steps: ['edgelab bench MODEL.onnx --profile', 'open the trace in Perfetto (ui.perfetto.dev) beside the summary', 'edgelab ladder explain RUN --note "Conv 3x3 layers take 70 % …"'],
    check: (evidence) => fromOutcome(profileExplained(evidence)),
  },
  {
    id: 'threads-and-batch',
    title: 'Threads and batch size',
    goal: 'Measure one model at two or more thread counts and two or more batch sizes, and see where latency and throughput part ways.',
    serves: 'profile-explained',
    steps: ['edgelab bench MODEL.onnx --threads 1', 'edgelab bench MODEL.onnx --threads 2', 'edgelab bench MODEL.onnx --dim batch=1', 'edgelab bench MODEL.onnx --dim batch=8'],
    check: (evidence) => {
      const byModel = new Map<string, CompletedRun[]>();
      for (const run of completed(evidence)) {
        const key = run.model?.sha256 ?? run.spec.model;
        byModel.set(key, [...(byModel.get(key) ?? []), run]);
      }
      let closest = '';
      for (const runs of byModel.values()) {
        const threads = new Set(runs.map((r) => r.spec.session.intraOpNumThreads));
        const batches = new Set(runs.map(batchSize).filter((b) => b !== null));
        const name = modelName(runs[0] as CompletedRun);
        if (threads.size >= 2 && batches.size >= 2) {
          return { done: true, detail: `${name}: threads ${[...threads].sort((a, b) => a - b).join(', ')}; batch ${[...batches].sort((a, b) => a - b).join(', ')} (${runs.length} run${runs.length === 1 ? '' : 's'})` };
        }
        if (closest === '') closest = `${name} has ${threads.size} thread setting(s) and ${batches.size} batch size(s); two of each are needed.`;
      }
      return { done: false, detail: closest || 'No completed run yet.' };
    },
  },
  {
    id: 'precision-tradeoff',
    title: 'A precision tradeoff',
    goal: 'Compare a full-precision model with a reduced-precision variant (FP16 or INT8) on accuracy, speed and size.',
    serves: 'variant-tradeoff',
    steps: ['edgelab parity MODEL-fp32.onnx MODEL-int8.onnx', 'edgelab eval MODEL-fp32.onnx --images DIR --labels FILE', 'edgelab eval MODEL-int8.onnx --images DIR --labels FILE', 'edgelab compare RUN_A RUN_B --as-variants'],
    check: (evidence) => {
      const outcome = variantTradeoff(evidence);
      if (!outcome.met) return fromOutcome(outcome);
      const byId = new Map(evidence.runs.map((r) => [r.id, r]));
      const reduced = outcome.runs.some((r) => {
        const run = byId.get(r.runId);
        return run !== undefined && PRECISION_WORDS.test([modelName(run), run.spec.label ?? '', ...run.spec.tags].join(' '));
      });
      return reduced
        ? fromOutcome(outcome)
        : { done: false, detail: 'Variants were compared, but none is named as reduced precision (fp16, int8, quant … in its file name, label or a tag).' };
    },
  },
  {
    id: 'edge-realtime',
    title: 'Real time on an edge device',
    goal: 'Run the model on a Jetson or another ARM board and meet a real-time target there.',
    serves: 'edge-realtime',
    steps: ['(on the device) edgelab bench MODEL.onnx --target realtime-30', 'edgelab bench MODEL.onnx --target realtime-30 --engine trtexec  (Jetson: its GPU through TensorRT; onnxruntime-node on linux-arm64 has no CUDA)'],
    check: (evidence) => fromOutcome(edgeRealtime(evidence)),
  },
  {
    id: 'suite-ci-gate',
    title: 'A benchmark suite as a CI gate',
    goal: 'Save a benchmark with targets as a suite file, run it in CI so a slower model fails the build, and keep it running.',
    serves: 'benchmark-upkeep',
    steps: ['write SUITE.yaml: the model, inputs and targets such as p99<=33ms', 'edgelab run SUITE.yaml  (exit code 1 when a target fails)', 'run it again on another day (a scheduled CI job)'],
    check: (evidence) => {
      const gated = completed(evidence).filter((run) => suiteFacts(run) !== null && run.verdicts.length > 0);
      if (gated.length === 0) return { done: false, detail: 'No suite run with a target yet: a suite without targets cannot fail a build.' };
      return fromOutcome(suiteUpkeep({ ...evidence, runs: gated }));
    },
  },
  {
    id: 'decision-record',
    title: 'An architecture decision record',
    goal: 'Write down one deployment decision with its context, consequences and the runs that back it.',
    serves: 'org-architecture',
    steps: ['edgelab adr new "Serve the detector in INT8 on the Jetson" --run RUN_A --run RUN_B', 'edit the record in adr/ and commit it with the workspace', 'edgelab adr list'],
    check: (evidence) => {
      const cited = evidence.decisionRecords.find((d) => d.runIds.length > 0);
      if (cited) return { done: true, detail: `${cited.file}: "${cited.title}", citing ${cited.runIds.length} run(s)` };
      const any = evidence.decisionRecords[0];
      return any
        ? { done: false, detail: `${any.file} cites no run; add the runs the decision rests on (--run ID).` }
        : { done: false, detail: 'No decision record in the workspace.' };
    },
  },
];

export function checkLabs(allEvidence: LadderEvidence): Array<{ lab: PracticeLab; check: LabCheck }> {
  const evidence = { ...allEvidence, runs: allEvidence.runs.filter((r) => evidenceKind(r) === 'measured') };
  return LABS.map((lab) => ({ lab, check: lab.check(evidence) }));
}
