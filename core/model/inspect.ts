import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { ModelInfo } from '../api/model-info.js';
import { opHistogram } from './graph-walk.js';
import { loadModelProto } from './load-model.js';
import type { LoadedModel } from './load-model.js';
import { summarizeParameters } from './parameters.js';
import { externalDataProblems } from './external-data-check.js';
import { symbolicDimNames, toValueInfo } from './value-info.js';

/**
 * Everything `edgelab inspect` reports about an .onnx file. Node count and op histogram cover the
 * top-level graph (what runs once per inference); nodes inside If/Loop/Scan bodies are counted by
 * `subgraphNodeCount`. Throws a LabError (kind 'input') for a file that is missing, empty,
 * truncated or not ONNX.
 */
export async function inspectModel(path: string): Promise<ModelInfo> {
  const info = describeModel(await loadModelProto(path));
  const problems = await externalDataProblems(path, info.externalData);
  return problems.length > 0 ? { ...info, externalDataProblems: problems } : info;
}

/** ModelInfo of an already loaded model, for callers that also need the protobuf. */
export function describeModel({ path, bytes, model, graph }: LoadedModel): ModelInfo {
  const initializerNames = new Set([...graph.initializer.map((t) => t.name), ...graph.sparseInitializer.map((t) => t.values?.name ?? '')]);
  // Old exporters (IR < 4) list every initializer as a graph input too; those need no data.
  const inputs = graph.input.filter((v) => !initializerNames.has(v.name)).map(toValueInfo);
  const opsets: Record<string, number> = {};
  for (const o of model.opsetImport) opsets[o.domain === 'ai.onnx' ? '' : o.domain] = Number(o.version);

  return {
    path,
    fileName: basename(path),
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    irVersion: Number(model.irVersion),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    domain: model.domain,
    modelVersion: Number(model.modelVersion),
    opsets,
    inputs,
    outputs: graph.output.map(toValueInfo),
    nodeCount: graph.node.length,
    opHistogram: opHistogram(graph.node),
    ...summarizeParameters(graph),
    symbolicDims: symbolicDimNames(inputs),
  };
}
