/**
 * Is the Graph screen's layout fast enough on real detector-sized graphs? For each model given,
 * reads its graph (buildModelGraph, as LabApi.modelGraph does) and lays it out with dagre
 * (layoutModelGraph, as the app's worker does), and, in the same process, lays out a baseline: a
 * plain chain with the same number of nodes, the easiest graph of that size. Prints the median
 * times and the model / chain ratio, which says how much the graph's branching costs on top of its
 * size. Without arguments it lays out the catalog's mobilenet-style model.
 *
 *   node dist/bench/graph-layout.js [--repeats 5] [MODEL.onnx ...]
 */
import { parseArgs } from 'node:util';
import type { ModelGraph } from '../core/api/model-graph.js';
import { layoutModelGraph } from '../core/present/graph-layout.js';
import { loadModelProto } from '../core/model/load-model.js';
import { buildModelGraph } from '../core/model/model-graph.js';
import { generateModel } from '../models/generate.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { repeats: { type: 'string', default: '5' } } });
const repeats = Math.max(1, Number(values.repeats));

function chainOf(graph: ModelGraph): ModelGraph {
  const nodes = graph.nodes.map((n, i) => ({ ...n, id: `n${i}`, inputs: [], outputs: [] }));
  const edges = nodes.slice(1).map((n, i) => ({ from: `n${i}`, to: n.id, tensor: `t${i}` }));
  return { ...graph, inputs: [], outputs: [], nodes, edges };
}

function medianMs(work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const paths = positionals.length > 0 ? positionals : [await generateModel('mobilenet-style')];
for (const path of paths) {
  const t0 = performance.now();
  const graph: ModelGraph = { ...buildModelGraph(await loadModelProto(path)), profile: null };
  const readMs = performance.now() - t0;
  const chain = chainOf(graph);
  // One untimed pass of each, so neither pays the JIT's first compile in its median.
  layoutModelGraph(graph);
  layoutModelGraph(chain);
  const modelMs = medianMs(() => layoutModelGraph(graph));
  const chainMs = medianMs(() => layoutModelGraph(chain));
  console.log(
    `${path}\n  ${graph.nodes.length} operators, ${graph.edges.length} edges (${graph.foldedConstants} Constant nodes folded); graph read in ${readMs.toFixed(0)} ms\n` +
      `  layout median of ${repeats}: ${modelMs.toFixed(0)} ms; a ${graph.nodes.length}-node chain: ${chainMs.toFixed(0)} ms; ratio ${(modelMs / chainMs).toFixed(2)}`,
  );
}
