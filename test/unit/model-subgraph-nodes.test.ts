import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { GraphProtoSchema, NodeProtoSchema } from 'onnx-buf';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { subgraphNodeCount } from '../../core/model/graph-walk.js';
import { inspectModel } from '../../core/model/inspect.js';
import { loadModelProto } from '../../core/model/load-model.js';
import { attr, ModelBuilder, valueInfoProto } from '../../models/onnx-builder.js';

// nodeCount and the histogram cover the top-level graph; nodes in If branches are counted apart.

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const branch = (name: string, ops: string[]) =>
  create(GraphProtoSchema, {
    name,
    node: ops.map((op, i) =>
      create(NodeProtoSchema, { opType: op, name: `${name}/${op}`, input: [i === 0 ? 'x' : `${name}.${i - 1}`], output: [i === ops.length - 1 ? `${name}.out` : `${name}.${i}`] }),
    ),
    output: [valueInfoProto(`${name}.out`, 'float32', [4])],
  });

describe('subgraph nodes', () => {
  it('keeps If branches out of the top-level count and counts them separately', async () => {
    const b = new ModelBuilder({ graphName: 'branchy' });
    b.input('x', 'float32', [4]);
    b.input('flag', 'bool', []);
    b.node('If', ['flag'], 'y', {
      name: 'choose',
      attributes: { then_branch: attr.graph(branch('then', ['Relu', 'Neg'])), else_branch: attr.graph(branch('else', ['Abs'])) },
    });
    b.output('y', 'float32', [4]);
    dir = await mkdtemp(join(tmpdir(), 'edgelab-subgraph-'));
    const path = join(dir, 'branchy.onnx');
    await writeFile(path, b.toBytes());

    const info = await inspectModel(path);
    expect(info.nodeCount).toBe(1);
    expect(info.opHistogram).toEqual([{ opType: 'If', count: 1 }]);
    expect(subgraphNodeCount((await loadModelProto(path)).graph)).toBe(3);

    // The test model itself is valid: ONNX Runtime takes the then-branch.
    const session = await ort.InferenceSession.create(path);
    const out = await session.run({
      x: new ort.Tensor('float32', Float32Array.of(-1, 2, -3, 4), [4]),
      flag: new ort.Tensor('bool', Uint8Array.of(1), []),
    });
    await session.release();
    expect([...(out['y']!.data as Float32Array)]).toEqual([-0, -2, -0, -4]);
  });
});
