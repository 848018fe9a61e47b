export { inspectModel, describeModel } from './inspect.js';
export { loadModelProto } from './load-model.js';
export type { LoadedModel } from './load-model.js';
export { intAttribute, intsAttribute, floatAttribute, floatsAttribute, stringAttribute } from './attributes.js';
export { opHistogram, qualifiedOpType, subgraphNodeCount, subgraphsOf } from './graph-walk.js';
export { symbolicDimNames, toValueInfo } from './value-info.js';
export { bitsPerElement, dataTypeCode, dtypeName, packedBytes } from './dtypes.js';
