import { TensorProto_DataType as DataType } from 'onnx-buf';
import { attr, ModelBuilder } from '../onnx-builder.js';

/**
 * One input per common dtype, each really consumed: every numeric input is cast to float32 and
 * summed, the bool mask picks between that sum and `x_float32` (Where), the integer inputs are
 * also summed as int64 and the float16 input feeds a float16 output. A runner that feeds a wrong
 * dtype or drops an input fails here.
 */
export const multiInputSpecs = [
  { name: 'x_float32', dtype: 'float32' },
  { name: 'x_float16', dtype: 'float16' },
  { name: 'x_int8', dtype: 'int8' },
  { name: 'x_uint8', dtype: 'uint8' },
  { name: 'x_int32', dtype: 'int32' },
  { name: 'x_int64', dtype: 'int64' },
  { name: 'mask', dtype: 'bool' },
] as const;

const shape = [2, 4];

export function buildMultiInput(): Uint8Array {
  const b = new ModelBuilder({ graphName: 'multi_input', seed: 3, docString: 'Inputs of several dtypes combined into outputs' });
  for (const { name, dtype } of multiInputSpecs) b.input(name, dtype, shape);

  const toFloat = (name: string) =>
    b.node('Cast', [name], `${name}.as_float32`, { name: `cast/${name}_to_float32`, attributes: { to: attr.int(DataType.FLOAT) } });

  let sum = b.node('Add', ['x_float32', toFloat('x_float16')], 'sum.1', { name: 'sum/add_float16' });
  sum = b.node('Add', [sum, toFloat('x_int8')], 'sum.2', { name: 'sum/add_int8' });
  sum = b.node('Add', [sum, toFloat('x_uint8')], 'sum.3', { name: 'sum/add_uint8' });
  sum = b.node('Add', [sum, toFloat('x_int32')], 'sum.4', { name: 'sum/add_int32' });
  b.node('Add', [sum, toFloat('x_int64')], 'sum', { name: 'sum/add_int64' });
  b.node('Where', ['mask', 'sum', 'x_float32'], 'selected', { name: 'select/where' });

  const int32AsInt64 = b.node('Cast', ['x_int32'], 'x_int32.as_int64', { name: 'cast/x_int32_to_int64', attributes: { to: attr.int(DataType.INT64) } });
  b.node('Add', [int32AsInt64, 'x_int64'], 'int_sum', { name: 'int_sum/add' });

  const float32AsHalf = b.node('Cast', ['x_float32'], 'x_float32.as_float16', { name: 'cast/x_float32_to_float16', attributes: { to: attr.int(DataType.FLOAT16) } });
  b.node('Mul', ['x_float16', float32AsHalf], 'half_product', { name: 'half/mul' });

  b.output('sum', 'float32', shape);
  b.output('selected', 'float32', shape);
  b.output('int_sum', 'int64', shape);
  b.output('half_product', 'float16', shape);
  return b.toBytes();
}
