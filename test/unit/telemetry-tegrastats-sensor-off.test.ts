import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseTegrastatsLine } from '../../core/telemetry/tegrastats.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tegrastats/${name}`, import.meta.url), 'utf8').split('\n')[0]!;

it('reports a sensor that is off (-256C) as null, never as a temperature', () => {
  // AGX Orin on JetPack 6 with the CV clusters and the GPU powered down.
  const sample = parseTegrastatsLine(fixture('agx-orin-3.txt'));
  expect(sample.temperaturesC).toEqual({
    CV0: null,
    CPU: 44.562,
    Tboard: 32,
    SOC2: 40.093,
    Tdiode: 33,
    SOC0: 41.093,
    CV1: null,
    GPU: null,
    tj: 44.343,
    SOC1: 41.25,
    CV2: null,
  });
  expect(Object.values(sample.temperaturesC)).not.toContain(-256);
});
