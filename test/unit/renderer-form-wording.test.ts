import { describe, expect, it } from 'vitest';
import { inFormWords } from '../../renderer/src/form-wording.js';

// Messages as core/inputs/shapes.ts, core/evidence/record-file.ts and core/stats word them for the CLI.
describe('CLI messages in the Run form\'s words', () => {
  it('names the dim and shape fields instead of --dim and --shape', () => {
    const cli = "  'image' float32 [1, 3, height, width]: no value for height, width → set --dim height=N --dim width=N or --shape image=1x3x1x1";
    expect(inFormWords(cli)).toBe("  'image' float32 [1, 3, height, width]: no value for height, width → set \"Value of symbolic dim height\" \"Value of symbolic dim width\" or \"Shape of input image\" (e.g. 1x3x1x1)");
  });

  it('names the form field a schema refusal is about, and keeps the rest of the message', () => {
    expect(inFormWords('startRun: field spec.scenario.warmup.iterations: Invalid input: expected number, received NaN.')).toBe(
      'startRun: field "Warm-up iterations": Invalid input: expected number, received NaN.',
    );
    expect(inFormWords('startRun: field spec.inputs.dims.batch: Too small')).toBe('startRun: field "Value of symbolic dim batch": Too small');
    expect(inFormWords('startRun: field spec.inputs.shapes.x[2]: Invalid input')).toBe('startRun: field "Shape of input x": Invalid input');
    expect(inFormWords('startRun: field spec.unknownThing: bad')).toBe('startRun: field spec.unknownThing: bad');
  });

  it('rewrites the advice of warnings and the ladder\'s hints', () => {
    expect(inFormWords('Use a longer warm-up (--warmup) and stop background jobs.')).toBe('Use a longer warm-up ("Warm-up iterations") and stop background jobs.');
    expect(inFormWords('time at least a second (--duration 10, or more --iterations).')).toBe('time at least a second ("Duration limit", or more "Timed iterations").');
    expect(inFormWords('rotate several (inputs.poolSize of 4 or more).')).toBe('rotate several ("Input pool size" of 4 or more).');
    expect(inFormWords('Say in a sentence what you did and where, e.g. --note "Added the test set".')).toBe('Say in a sentence what you did and where, e.g. "What you did, and where".');
  });
});
