import type { GraphAttributeValue, GraphNodeView, GraphTensor } from '../../../core/api/model-graph.js';
import { roofText } from '../../../core/present/format-values.js';
import { formatBytes, formatDecimal, formatGflop, formatGflopsPerS, formatMs, formatPercent, formatShape, NOT_MEASURED } from '../../../core/present/format-values.js';

function attributeText(value: GraphAttributeValue): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

function TensorRows({ title, tensors }: { title: string; tensors: GraphTensor[] }) {
  if (tensors.length === 0) return null;
  return (
    <table className="node-table">
      <caption>{title}</caption>
      <tbody>
        {tensors.map((t) => <tr key={t.name}><th scope="row" className="mono">{t.name}</th><td className="mono">{t.dtype ?? ''} {formatShape(t.shape)}</td></tr>)}
      </tbody>
    </table>
  );
}

/** One node as Netron's side panel shows it, plus what the profiled run measured in it. */
export function NodeDetails({ node, timeKind }: { node: GraphNodeView; timeKind: 'device' | 'host' | null }) {
  const p = node.profile;
  const attributes = Object.entries(node.attributes);
  return (
    <div className="node-details">
      <h2>{node.opType} <span className="mono muted">{node.name || node.id}</span></h2>
      {node.domain !== '' && node.domain !== 'ai.onnx' ? <p className="muted">domain {node.domain}</p> : null}
      {p ? (
        <table className="node-table profile">
          <caption>In the profiled run ({timeKind === 'device' ? 'device time' : 'host time'})</caption>
          <tbody>
            <tr><th scope="row">Time per inference</th><td className="num">{formatMs(p.meanMs)} ms</td></tr>
            <tr><th scope="row">Share of kernel time</th><td className="num">{formatPercent(p.share)}</td></tr>
            <tr><th scope="row">FLOPs</th><td className="num">{p.flops === null ? 'no cost model for this op' : formatGflop(p.flops)}</td></tr>
            <tr><th scope="row">Achieved</th><td className="num">{p.gflopsPerS === null ? NOT_MEASURED : `${formatGflopsPerS(p.gflopsPerS)} GFLOP/s`}</td></tr>
            <tr><th scope="row">Intensity</th><td className="num">{p.intensity === null ? NOT_MEASURED : `${formatDecimal(p.intensity)} FLOP/byte`}</td></tr>
            <tr><th scope="row">Bound</th><td>{p.bound ?? 'not judged (no peaks for this provider)'}{p.roofFraction !== null ? `, ${roofText(p.roofFraction, p.bound)}` : ''}</td></tr>
            <tr><th scope="row">Provider</th><td>{p.provider}</td></tr>
            <tr><th scope="row">Kernels</th><td className="mono">{p.kernels.join(', ')}</td></tr>
          </tbody>
        </table>
      ) : timeKind !== null ? (
        <p className="muted">No kernel of its own ran in the profiled run: ONNX Runtime's optimiser fused this node into a neighbour (a Conv takes its Relu or BatchNormalization) or removed it, so its time is in that node's.</p>
      ) : null}
      <TensorRows title="Inputs" tensors={node.inputs} />
      <TensorRows title="Outputs" tensors={node.outputs} />
      {node.weights.length > 0 ? (
        <table className="node-table">
          <caption>Weights</caption>
          <tbody>
            {node.weights.map((w) => <tr key={w.name}><th scope="row" className="mono">{w.name}</th><td className="mono">{w.dtype} [{w.shape.join(', ')}]</td><td className="num">{formatBytes(w.bytes)}</td></tr>)}
          </tbody>
        </table>
      ) : null}
      <table className="node-table">
        <caption>Attributes</caption>
        <tbody>
          {attributes.length === 0 ? <tr><td className="muted">none</td></tr> : attributes.map(([k, v]) => <tr key={k}><th scope="row" className="mono">{k}</th><td className="mono">{attributeText(v)}</td></tr>)}
        </tbody>
      </table>
    </div>
  );
}
