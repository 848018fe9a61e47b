import { describe, expect, it } from 'vitest';
import { ModelInspections } from '../../core/lab/model-inspections.js';
import { modelPath } from '../helpers/models.js';

describe('model inspections for the server and the app', () => {
  it('share one reading of a file among concurrent requests and run readings one at a time', async () => {
    const inspections = new ModelInspections();
    const tiny = await modelPath('tiny-classifier');
    const other = await modelPath('multi-input');
    const first = inspections.inspect(tiny);
    const second = inspections.inspect(tiny);
    expect(second).toBe(first); // one copy of the file in memory, however many ask
    const third = inspections.inspect(other);
    expect(third).not.toBe(first);
    const [a, b, c] = await Promise.all([first, second, third]);
    expect(a.fileName).toBe('tiny-classifier.onnx');
    expect(b).toBe(a);
    expect(c.fileName).toBe('multi-input.onnx');
    // Once read, a later request reads the file again (it may have changed).
    expect(inspections.inspect(tiny)).not.toBe(first);
  });

  it('a failed reading is reported to each caller and does not block the next', async () => {
    const inspections = new ModelInspections();
    await expect(inspections.inspect('/nonexistent/model.onnx')).rejects.toThrow(/model\.onnx/);
    expect((await inspections.inspect(await modelPath('tiny-classifier'))).fileName).toBe('tiny-classifier.onnx');
  });
});
