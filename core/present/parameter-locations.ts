import type { ModelInfo } from '../api/model-info.js';

/**
 * "in 342 Constant nodes" / "in initializers (12), Constant nodes (4)": where a model's weights
 * live, in the words inspect, the app and reports all use. A model that keeps its weights in
 * Constant nodes is not a model without weights; saying where they are explains the count.
 */
export function describeParameterLocations(info: Pick<ModelInfo, 'parameterLocations'>): string {
  const places = info.parameterLocations.filter((p) => p.tensors > 0);
  if (places.length === 0) return 'no weights in the graph';
  const name = (p: ModelInfo['parameterLocations'][number]) =>
    p.location === 'initializers' ? (p.tensors === 1 ? '1 initializer' : `${p.tensors} initializers`) : p.tensors === 1 ? '1 Constant node' : `${p.tensors} Constant nodes`;
  return `in ${places.map(name).join(' and ')}`;
}
