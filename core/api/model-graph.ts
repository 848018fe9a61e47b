/**
 * The model graph as the app draws it (LabApi.modelGraph): one node per ONNX operator of the
 * top-level graph, edges along the tensors between them, and, when a profiled run is named, where
 * that run spent its time per node. Types only: the renderer imports this file.
 */
import type { Dim } from './model-info.js';

export type GraphAttributeValue = number | string | number[] | string[];

/** A constant the node reads: an initializer or a Constant node's value, folded into its consumer. */
export interface GraphWeight {
  name: string;
  dtype: string;
  shape: number[];
  bytes: number;
}

/** A tensor on an edge or at a node's port, with the shape the model (or the profile) declares. */
export interface GraphTensor {
  name: string;
  dtype: string | null;
  /** null when the model does not declare it and no profiled run saw it. */
  shape: Dim[] | null;
}

/** Where a profiled run spent its time in this node (summed over the kernels mapped to it). */
export interface GraphNodeProfile {
  /** Mean time per inference, ms: device time on an asynchronous provider, host time on the CPU. */
  meanMs: number;
  /** Of all kernel time per inference. */
  share: number;
  provider: string;
  /** The kernels ONNX Runtime ran for it after fusion, e.g. a Conv with its Relu fused in. */
  kernels: string[];
  flops: number | null;
  gflopsPerS: number | null;
  /** FLOPs per byte moved. */
  intensity: number | null;
  /** Against the peaks measured on this machine; null without peaks or on another provider. */
  bound: 'compute' | 'memory' | null;
  roofFraction: number | null;
}

export interface GraphNodeView {
  /** Unique within the graph: the node name, or `#index` when the model leaves it empty or repeats it. */
  id: string;
  name: string;
  opType: string;
  domain: string;
  inputs: GraphTensor[];
  outputs: GraphTensor[];
  attributes: Record<string, GraphAttributeValue>;
  weights: GraphWeight[];
  profile: GraphNodeProfile | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  tensor: string;
}

export interface GraphProfileOverlay {
  runId: string;
  traceFile: string;
  /** Kernel time per inference over the nodes, ms. */
  kernelMsPerRun: number;
  /** Share of kernel time the overlay could place on a graph node; the rest ran in nodes the optimiser made up. */
  placedShare: number;
  /** 'device' when the provider runs asynchronously (the trace times are the device's), 'host' otherwise. */
  timeKind: 'device' | 'host';
  providers: string[];
}

export interface ModelGraph {
  modelPath: string;
  fileName: string;
  /** Graph inputs and outputs, drawn as their own nodes (ids `input:<name>`, `output:<name>`). */
  inputs: GraphTensor[];
  outputs: GraphTensor[];
  nodes: GraphNodeView[];
  edges: GraphEdge[];
  /** Constant nodes folded into their consumers as weights (not drawn as nodes). */
  foldedConstants: number;
  profile: GraphProfileOverlay | null;
}
