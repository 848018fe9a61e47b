import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { errorInfoOf } from '../../renderer/src/lab-client/error-info.js';

describe('errors shown in the app', () => {
  it('keep the message and hint a LabError or a server error body carries', () => {
    const e = new LabError('input', 'model.onnx is not an ONNX file.', 'Export the model with torch.onnx.export.');
    expect(errorInfoOf(e)).toEqual({ kind: 'input', message: 'model.onnx is not an ONNX file.', hint: 'Export the model with torch.onnx.export.' });
    expect(errorInfoOf({ error: { kind: 'usage', message: 'bad', hint: 'do this' } })).toEqual({ kind: 'usage', message: 'bad', hint: 'do this' });
  });

  it('show a bare error message as it is when the transport kept only that', () => {
    expect(errorInfoOf(new Error('Error invoking remote method'))).toEqual({ kind: 'runtime', message: 'Error invoking remote method' });
    expect(errorInfoOf('boom')).toEqual({ kind: 'runtime', message: 'boom' });
  });
});
