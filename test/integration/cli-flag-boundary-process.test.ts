import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// The reported crashes, through the installed command in its own process (bin/edgelab.js over
// dist/): exit 2, edgelab's own words, and nothing of Node's (no "ambiguous", no stack, no ZodError).
describe('the flag boundary in a real edgelab process', () => {
  it.each([
    [['bench', 'm.onnx', '--iterations', '-5'], '--iterations -5: expected a whole number from 1 to 10000000.'],
    [['bench', 'm.onnx', '--threads', '100000'], '--threads 100000: expected a whole number from 0 to 1024'],
    [['serve', '--port', '99999'], '--port 99999: expected a whole number from 0 to 65535.'],
    [['parity', 'a.onnx', 'b.onnx', '--sets', '1e400'], '--sets 1e400: expected a whole number from 1 to 1000.'],
  ])('edgelab %j', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/ambiguous|ZodError|\n\s+at |node:internal/);
    expect(r.stdout).toBe('');
    // The hint names the command that was run, not a placeholder.
    expect(r.stderr).toContain(`edgelab ${argv[0]} --help`);
    expect(r.stderr).not.toContain('edgelab COMMAND');
  });
});
