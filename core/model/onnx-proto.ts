/**
 * The ONNX protobuf reader the model modules use, in one module. `npm run build` bundles this file
 * with its two packages (@bufbuild/protobuf, onnx-buf) into dist/core/model/onnx-proto.js: Node
 * then loads one file instead of about 70, which is most of what `edgelab inspect` spent starting
 * (see vite.onnx-proto.config.ts and `npm run bench:startup`). Import the reader from here.
 */
export { fromBinary } from '@bufbuild/protobuf';
export { AttributeProto_AttributeType, ModelProtoSchema, TensorProto_DataLocation, TensorProto_DataType } from 'onnx-buf';
