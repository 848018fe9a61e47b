import type { ProviderStatus } from '../api/providers.js';
import { executionProviderNames } from '../api/run-spec.js';
import { ort } from './ort.js';
import { probeModelBytes } from './probe-model.js';
import { adviceFor, shortOrtMessage } from './provider-errors.js';

export type { ProviderStatus };

let cached: Promise<ProviderStatus[]> | undefined;

/**
 * Probes every provider name edgelab knows by starting a real session on a one-node model: the only
 * reliable answer, since a provider can be compiled in yet fail at start (no GPU, no driver, no CUDA).
 * Cached per process because a failed GPU probe can take a second.
 */
export function probeProviders(): Promise<ProviderStatus[]> {
  cached ??= probeAll();
  return cached;
}

async function probeAll(): Promise<ProviderStatus[]> {
  const listed = new Map(ort.listSupportedBackends().map((b) => [b.name, b.bundled]));
  const bytes = probeModelBytes();
  const statuses: ProviderStatus[] = [];
  for (const name of executionProviderNames) {
    const inBuild = listed.has(name);
    const bundled = listed.get(name) ?? false;
    if (!inBuild) {
      statuses.push({ name, inBuild, bundled, starts: false, probeMs: null, reason: 'not in this build', advice: adviceFor(name) });
      continue;
    }
    const started = performance.now();
    try {
      const session = await ort.InferenceSession.create(bytes, { executionProviders: [name], logSeverityLevel: 4 });
      await session.run({ x: new ort.Tensor('float32', new Float32Array([-1, 0, 1, 2]), [1, 4]) });
      await session.release();
      statuses.push({ name, inBuild, bundled, starts: true, probeMs: performance.now() - started });
    } catch (e) {
      statuses.push({
        name, inBuild, bundled, starts: false, probeMs: performance.now() - started,
        reason: shortOrtMessage(e), advice: adviceFor(name),
      });
    }
  }
  return statuses;
}
