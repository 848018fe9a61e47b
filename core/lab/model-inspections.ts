import type { ModelInfo } from '../api/model-info.js';
import { inspectModel } from '../model/index.js';

/**
 * Inspecting a model reads the whole .onnx file into memory (protobuf has no streaming parser). The
 * server and the app take inspections from many requests; here they run one at a time, and requests
 * for a file already being read share that reading, so N requests for a 1.9 GB model hold one copy,
 * not N.
 */
export class ModelInspections {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Map<string, Promise<ModelInfo>>();

  inspect(path: string): Promise<ModelInfo> {
    const shared = this.inFlight.get(path);
    if (shared) return shared;
    const reading = this.queue.catch(() => undefined).then(() => inspectModel(path));
    this.queue = reading;
    this.inFlight.set(path, reading);
    void reading.catch(() => undefined).finally(() => this.inFlight.delete(path));
    return reading;
  }
}
