import { LabError } from '../api/errors.js';
import type { ProviderStatus } from '../api/providers.js';
import type { RunnerLauncher } from '../runner/runner-process.js';

/** Creating a session on a broken GPU driver can hang; the probe gets this long. */
export const PROBE_TIMEOUT_MS = 120_000;

/**
 * Which execution providers start here, asked of a runner process: the probe creates sessions on
 * every provider in the build, and a provider that crashes or hangs must not take the lab with it.
 */
export function probeProvidersInRunner(launch: RunnerLauncher, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProviderStatus[]> {
  return new Promise((resolve, reject) => {
    const runner = launch();
    let answered = false;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      runner.kill();
    }, timeoutMs);
    runner.onMessage((message) => {
      if (message.type !== 'providers') return;
      answered = true;
      clearTimeout(timer);
      resolve(message.statuses);
    });
    runner.onExit((exit) => {
      clearTimeout(timer);
      if (answered) return;
      const how = exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
      reject(
        new LabError(
          'runtime',
          `Probing the execution providers failed: the runner process ${how}${timedOut ? ` after no answer within ${Math.round(timeoutMs / 1000)} s` : ''}.`,
          `A provider's driver crashed or hung while a session was created; \`edgelab providers\` on a terminal shows which.${exit.stderrTail ? ` The runner's last output: ${exit.stderrTail.slice(-600)}` : ''}`,
        ),
      );
    });
    runner.send({ type: 'probe-providers' });
  });
}
