import { AttributeProto_AttributeType as AttributeType } from './onnx-proto.js';
import type { AttributeProto, NodeProto } from 'onnx-buf';

/**
 * Typed reads of node attributes, e.g. Conv's `group`, `kernel_shape`, `strides`. Each returns
 * undefined when the attribute is absent or of another type, so callers apply the ONNX default.
 */
function find(node: NodeProto, name: string, type: AttributeType): AttributeProto | undefined {
  return node.attribute.find((a) => a.name === name && a.type === type);
}

const utf8 = new TextDecoder();

export function intAttribute(node: NodeProto, name: string): number | undefined {
  const a = find(node, name, AttributeType.INT);
  return a && Number(a.i);
}

export function intsAttribute(node: NodeProto, name: string): number[] | undefined {
  return find(node, name, AttributeType.INTS)?.ints.map(Number);
}

export function floatAttribute(node: NodeProto, name: string): number | undefined {
  return find(node, name, AttributeType.FLOAT)?.f;
}

export function floatsAttribute(node: NodeProto, name: string): number[] | undefined {
  return find(node, name, AttributeType.FLOATS)?.floats;
}

export function stringAttribute(node: NodeProto, name: string): string | undefined {
  const a = find(node, name, AttributeType.STRING);
  return a && utf8.decode(a.s);
}
