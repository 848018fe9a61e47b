import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModelProto } from '../core/model/load-model.js';
import { findTraceFile } from '../core/profile/trace-file.js';
import { ort } from '../core/runtime/ort.js';

/**
 * The reference for the lab's shape inference: every node output's shape as ONNX Runtime computes
 * it running the graph unoptimised (each original node, in the original layout, no NCHWc padding),
 * read from its profiler trace. One float32 inference with the given input shapes.
 */
export async function runtimeShapes(model: string, inputs: Record<string, number[]>, scratchDir: string): Promise<Map<string, number[]>> {
  const prefix = join(scratchDir, `unoptimised-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const session = await ort.InferenceSession.create(model, { graphOptimizationLevel: 'disabled', enableProfiling: true, profileFilePrefix: prefix, executionProviders: ['cpu'] });
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, dims] of Object.entries(inputs)) feeds[name] = new ort.Tensor('float32', new Float32Array(dims.reduce((p, d) => p * d, 1)).fill(0.25), dims);
  try {
    await session.run(feeds);
  } finally {
    session.endProfiling();
    await session.release();
  }
  const { graph } = await loadModelProto(model);
  const byName = new Map(graph.node.map((n) => [n.name, n]));
  const shapes = new Map<string, number[]>();
  const tracePath = await findTraceFile(prefix);
  const events = JSON.parse(await readFile(tracePath, 'utf8')) as Array<{ cat: string; name: string; args: { output_type_shape?: Array<Record<string, number[]>> } }>;
  await rm(tracePath, { force: true });
  for (const e of events) {
    const node = e.cat === 'Node' && e.name.endsWith('_kernel_time') ? byName.get(e.name.slice(0, -'_kernel_time'.length)) : undefined;
    (e.args?.output_type_shape ?? []).forEach((o, i) => {
      const out = node?.output[i];
      const dims = Object.values(o)[0];
      if (out && dims) shapes.set(out, dims);
    });
  }
  return shapes;
}
