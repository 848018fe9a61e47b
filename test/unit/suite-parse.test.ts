import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { parseSuite } from '../../core/suite/parse-suite.js';

function refusal(text: string): LabError {
  try {
    parseSuite(text, 'gate.yaml');
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
  throw new Error('expected the suite to be refused');
}

describe('parseSuite', () => {
  it('merges defaults into each run, resolves models beside the suite file, fills RunSpec defaults', () => {
    const suite = parseSuite(
      ['name: gate', 'defaults:', '  targets: [realtime-30]', '  session: { intraOpNumThreads: 2 }', 'runs:', '  - model: m.onnx', '  - model: /abs/n.onnx', '    session: { graphOptimizationLevel: basic }', '    targets: ["p50<5ms"]'].join('\n'),
      '/suites/gate.yaml',
    );
    expect(suite.name).toBe('gate');
    expect(suite.runs).toHaveLength(2);
    expect(suite.runs[0]?.model).toBe('/suites/m.onnx');
    expect(suite.runs[0]?.targets).toEqual(['realtime-30']);
    expect(suite.runs[1]?.targets).toEqual(['p50<5ms']);
    expect(suite.runs[1]?.session).toMatchObject({ intraOpNumThreads: 2, graphOptimizationLevel: 'basic' });
    expect(suite.runs[0]?.scenario.kind).toBe('single-stream');
    expect(suite.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads JSON suites too', () => {
    const suite = parseSuite('{"runs": [{"model": "a.onnx", "targets": ["fps>=30"]}]}', '/x/s.json');
    expect(suite.name).toBe('s');
    expect(suite.runs[0]?.targets).toEqual(['fps>=30']);
  });

  it('names the line of a syntax error', () => {
    const e = refusal('runs:\n  - model: a.onnx\n    targets: [p99<=33ms\n  - model: b.onnx\n');
    expect(e.message).toMatch(/^gate\.yaml:\d+: not valid YAML\/JSON/);
  });

  it('names the line and field of a wrong type', () => {
    const e = refusal('runs:\n  - model: a.onnx\n  - model: b.onnx\n    scenario:\n      kind: single-stream\n      iterations: many\n');
    expect(e.message).toMatch(/^gate\.yaml:6: runs\[1\]\.scenario\.iterations: /);
  });

  it('names the line of an unknown field (a typo)', () => {
    const e = refusal('runs:\n  - model: a.onnx\n    target: [realtime-30]\n');
    expect(e.message).toBe("gate.yaml:3: runs[0].target: unknown field 'target'");
  });

  it('names a missing required field at its entry', () => {
    const e = refusal('runs:\n  - label: no model here\n');
    expect(e.message).toMatch(/^gate\.yaml:2: runs\[0\]\.model: /);
  });

  it('refuses a suite without runs', () => {
    expect(refusal('name: empty\n').message).toMatch(/^gate\.yaml:1: runs: /);
    expect(refusal('runs: []\n').message).toMatch(/at least one/);
  });

  it('names the line of a malformed target, in a run or in the defaults', () => {
    expect(refusal('runs:\n  - model: a.onnx\n    targets:\n      - realtime-30\n      - "p99<="\n').message).toMatch(/^gate\.yaml:5: runs\[0\]\.targets\[1\]: .*p99<=/);
    expect(refusal('defaults:\n  targets: ["fps>>30"]\nruns:\n  - model: a.onnx\n').message).toMatch(/^gate\.yaml:2: runs\[0\]\.targets\[0\]: /);
  });
});

describe('a hostile suite file', () => {
  it('a YAML alias bomb is bad input naming the file, not a crash or a hang', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const prev = String.fromCharCode('a'.charCodeAt(0) + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const error = (() => {
      try {
        parseSuite(levels.join('\n') + '\n', 'bomb.yaml');
      } catch (e) {
        return e as LabError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(LabError);
    expect(error?.kind).toBe('input');
    expect(error?.message).toMatch(/^bomb\.yaml: its YAML aliases \(\*name\) expand too far/);
  });
});

describe('suite values are held to the ranges the flags have', () => {
  it.each([
    ['iterations: 5000000000', 'runs[0].scenario.iterations: Too big: expected number to be <=10000000'],
    ['durationS: 1000000', 'runs[0].scenario.durationS: Too big: expected number to be <=86400'],
  ])('%s', (field, message) => {
    const text = ['name: big', 'runs:', '  - model: m.onnx', `    scenario: { kind: single-stream, ${field} }`].join('\n');
    expect(() => parseSuite(text, 'big.yaml')).toThrow(`big.yaml:4: ${message}`);
  });
});
