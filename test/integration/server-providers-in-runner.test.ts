import { expect, test } from 'vitest';
import { probeProvidersInRunner } from '../../core/lab/probe-in-runner.js';
import { forkRunner } from '../../core/runner/fork-runner.js';
import type { RunnerLauncher } from '../../core/runner/runner-process.js';

test('the provider probe runs in a runner process and finds the CPU provider starting', async () => {
  const statuses = await probeProvidersInRunner(forkRunner);
  expect(statuses.find((s) => s.name === 'cpu')).toMatchObject({ inBuild: true, starts: true });
});

test('a probe whose runner dies is a runtime error naming how it ended, not a hung request', async () => {
  const dying: RunnerLauncher = () => {
    const runner = forkRunner();
    const send = runner.send.bind(runner);
    runner.send = (message) => {
      send(message);
      runner.kill();
    };
    return runner;
  };
  await expect(probeProvidersInRunner(dying)).rejects.toThrow(/runner process was ended by SIGKILL/);
});
