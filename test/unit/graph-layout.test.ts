import { describe, expect, it } from 'vitest';
import { loadModelProto } from '../../core/model/load-model.js';
import { buildModelGraph } from '../../core/model/model-graph.js';
import { layoutModelGraph, searchGraph } from '../../core/present/graph-layout.js';
import { modelPath } from '../helpers/models.js';

async function graphOf(name: 'mobilenet-style' | 'multi-input') {
  return { ...buildModelGraph(await loadModelProto(await modelPath(name))), profile: null };
}

describe('the model graph, laid out by dagre', () => {
  it('places every operator, input and output once, top to bottom along the data flow', async () => {
    const graph = await graphOf('mobilenet-style');
    const placed = layoutModelGraph(graph);
    expect(placed.nodes).toHaveLength(graph.nodes.length + graph.inputs.length + graph.outputs.length);
    expect(new Set(placed.nodes.map((n) => n.id)).size).toBe(placed.nodes.length);
    const y = new Map(placed.nodes.map((n) => [n.id, n.y]));
    for (const e of placed.edges) {
      expect(y.get(e.to)).toBeGreaterThan(y.get(e.from) as number);
      expect(e.points.length).toBeGreaterThanOrEqual(2);
    }
    expect(placed.edges).toHaveLength(graph.edges.length);
  });

  it('keeps boxes apart', async () => {
    const placed = layoutModelGraph(await graphOf('multi-input'));
    for (const a of placed.nodes) {
      for (const b of placed.nodes) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('finds nodes by op type, name and tensor name', async () => {
    const placed = layoutModelGraph(await graphOf('mobilenet-style'));
    const convs = searchGraph(placed.nodes, 'conv');
    expect(convs.length).toBeGreaterThan(0);
    expect(convs.every((n) => n.label === 'Conv' || n.id.toLowerCase().includes('conv') || n.node?.name.toLowerCase().includes('conv') || n.node?.inputs.some((t) => t.name.toLowerCase().includes('conv')) || n.node?.outputs.some((t) => t.name.toLowerCase().includes('conv')) || n.node?.weights.some((t) => t.name.toLowerCase().includes('conv')))).toBe(true);
    expect(searchGraph(placed.nodes, '   ')).toEqual([]);
    expect(searchGraph(placed.nodes, 'no-such-node-anywhere')).toEqual([]);
  });
});
