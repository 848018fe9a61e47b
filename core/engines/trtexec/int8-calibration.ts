import { LabError } from '../../api/errors.js';
import type { ModelInfo } from '../../api/model-info.js';
import type { TrtexecEngineSpec } from '../../api/run-spec.js';

/**
 * A model trained or converted with quantisation (QAT, or post-training Q/DQ export) carries
 * QuantizeLinear/DequantizeLinear pairs: TensorRT takes its INT8 scales from them. Dynamic
 * quantisation (DynamicQuantizeLinear + ConvInteger/MatMulInteger) is ONNX Runtime's and gives
 * TensorRT no scales.
 */
export function hasQdqNodes(info: Pick<ModelInfo, 'opHistogram'>): boolean {
  const ops = new Set(info.opHistogram.map((o) => o.opType));
  return ops.has('QuantizeLinear') && ops.has('DequantizeLinear');
}

/**
 * An INT8 engine built without a calibration cache or Q/DQ scales runs on placeholder dynamic
 * ranges (trtexec warns and carries on): its speed is real, its outputs are not the model's. So
 * an accuracy pass at int8 (or best, which allows int8) needs one of the two, and says so.
 */
export function checkInt8Accuracy(engine: TrtexecEngineSpec, model: string, info: Pick<ModelInfo, 'opHistogram'>): void {
  const precision = engine.precision ?? 'fp32';
  if (precision !== 'int8' && precision !== 'best') return;
  if (engine.calib !== undefined || hasQdqNodes(info)) return;
  const dynamic = info.opHistogram.some((o) => o.opType === 'DynamicQuantizeLinear' || o.opType === 'ConvInteger' || o.opType === 'MatMulInteger');
  throw new LabError(
    'usage',
    `An INT8 accuracy pass on trtexec needs INT8 scales, and ${model} has none: no calibration cache was given (--calib) and the model has no QuantizeLinear/DequantizeLinear nodes${dynamic ? ' (its DynamicQuantizeLinear/ConvInteger nodes are ONNX Runtime\'s dynamic quantisation, which gives TensorRT no scales)' : ''}. Without them TensorRT builds INT8 on placeholder ranges, so the accuracy measured would not be the model's.`,
    'Give a calibration cache made on representative images with --calib FILE, or a Q/DQ-quantised (QAT) ONNX model; or measure accuracy at --precision fp16 or fp32.',
    { field: { path: 'engine.calib' } },
  );
}
