import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

// A bound of 1 µs is under any real inference, on an idle or a busy machine alike: the search can
// find no rate, and that is a failed target (exit 1) with advice that fits the numbers, not a
// runtime error. The run is still recorded, with the measurement the advice quotes.
it('bench --find-max-qps with a bound no rate can meet exits 1 and says why in the run\'s numbers', async () => {
  const model = await modelPath('tiny-classifier');
  const result = await runCli(['bench', model, '--scenario', 'server', '--find-max-qps', '--bound', 'p99<=0.001ms', '--max-trials', '4', '--trial-duration', '0.1s', '--iterations', '50', '--json', '--no-telemetry']);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toMatch(/^edgelab: No rate met p99<=0\.001ms: at [\d.]+ QPS the p99 was [\d.]+ ms\.\n {2}One inference alone takes [\d.]+ ms here \(warm-up median\), at or over the 0\.001 ms bound, so no rate can meet it/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  const record = JSON.parse(result.stdout) as { state: string; verdicts: Array<{ target: string; status: string }>; extras: { maxQps: { maxQps: number | null; confirmations: unknown[] } } };
  expect(record.state).toBe('completed');
  expect(record.extras.maxQps.maxQps).toBeNull();
  expect(record.extras.maxQps.confirmations).toHaveLength(1);
  expect(record.verdicts).toContainEqual(expect.objectContaining({ target: 'p99<=0.001ms', status: 'fail' }));
});
