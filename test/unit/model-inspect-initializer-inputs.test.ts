import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from 'onnx-buf';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectModel } from '../../core/model/inspect.js';
import { ModelBuilder, valueInfoProto } from '../../models/onnx-builder.js';

// Exporters before IR 4 listed every initializer among the graph inputs. Those inputs have
// data already; only the rest need to be fed, so only the rest are reported.

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('inspectModel with initializers listed as inputs', () => {
  it('reports only the inputs that need data', async () => {
    const b = new ModelBuilder({ graphName: 'old_style', irVersion: 3, opset: 9 });
    const x = b.input('x', 'float32', ['n', 4]);
    const w = b.randomInitializer('w', [4, 2]);
    b.node('MatMul', [x, w], 'y');
    b.output('y', 'float32', ['n', 2]);
    const model = fromBinary(ModelProtoSchema, b.toBytes());
    model.graph!.input.push(valueInfoProto('w', 'float32', [4, 2]));

    dir = await mkdtemp(join(tmpdir(), 'edgelab-old-style-'));
    const path = join(dir, 'old-style.onnx');
    await writeFile(path, toBinary(ModelProtoSchema, model));
    const info = await inspectModel(path);

    expect(info.inputs.map((i) => i.name)).toEqual(['x']);
    expect(info.symbolicDims).toEqual(['n']);
    expect(info.parameterCount).toBe(8);
    expect(info.irVersion).toBe(3);
  });
});
