import { create, toBinary } from '@bufbuild/protobuf';
import {
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProto_DataType,
  TensorShapeProtoSchema,
  TensorShapeProto_DimensionSchema,
  TypeProtoSchema,
  TypeProto_TensorSchema,
  ValueInfoProtoSchema,
} from 'onnx-buf';

/**
 * A one-node model (Relu on float32 [1, 4]) held in memory: enough for a provider to initialise and
 * run, small enough that probing every provider costs milliseconds. Built with the ONNX protobuf
 * definitions rather than shipped as a file so the probe cannot go missing from a package.
 */
export function probeModelBytes(): Uint8Array {
  const valueInfo = (name: string) =>
    create(ValueInfoProtoSchema, {
      name,
      type: create(TypeProtoSchema, {
        value: {
          case: 'tensorType',
          value: create(TypeProto_TensorSchema, {
            elemType: TensorProto_DataType.FLOAT,
            shape: create(TensorShapeProtoSchema, {
              dim: [1n, 4n].map((v) =>
                create(TensorShapeProto_DimensionSchema, { value: { case: 'dimValue', value: v } }),
              ),
            }),
          }),
        },
      }),
    });
  const model = create(ModelProtoSchema, {
    irVersion: 8n,
    producerName: 'edgelab-probe',
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: 17n })],
    graph: create(GraphProtoSchema, {
      name: 'probe',
      node: [create(NodeProtoSchema, { name: 'relu', opType: 'Relu', input: ['x'], output: ['y'] })],
      input: [valueInfo('x')],
      output: [valueInfo('y')],
    }),
  });
  return toBinary(ModelProtoSchema, model);
}
