import path from 'node:path';
import type { RunSpecInput } from '../api/run-spec.js';
import { packageRoot } from '../package-root.js';
import { generateAll } from '../../models/generate.js';

/**
 * `edgelab demo`'s run, for any face's first try: the bundled MobileNet-style model (generated
 * beside the package on first use) at batch 1, 224×224, on the CPU, against a 30 FPS budget.
 */
export async function demoSpec(): Promise<RunSpecInput> {
  const models = await generateAll(path.join(packageRoot(), 'models', 'generated'));
  return {
    model: models['mobilenet-style'] as string,
    label: 'demo',
    inputs: { kind: 'synthetic', dims: { batch: 1 } },
    scenario: { kind: 'single-stream', warmup: { iterations: 20 }, iterations: 500, durationS: 10 },
    targets: ['realtime-30'],
  };
}
