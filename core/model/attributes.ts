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

/** An attribute as plain data: ints and floats as numbers, strings decoded; tensors and graphs left out. */
export type GraphAttribute = number | string | number[] | string[];

export function attributeValue(a: AttributeProto): GraphAttribute | undefined {
  switch (a.type) {
    case AttributeType.INT: return Number(a.i);
    case AttributeType.FLOAT: return a.f;
    case AttributeType.STRING: return utf8.decode(a.s);
    case AttributeType.INTS: return a.ints.map(Number);
    case AttributeType.FLOATS: return [...a.floats];
    case AttributeType.STRINGS: return a.strings.map((s) => utf8.decode(s));
    default: return undefined;
  }
}
