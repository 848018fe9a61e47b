import { describe, expect, test } from 'vitest';
import { exporters } from '../../core/report/index.js';
import { profileSection } from '../../core/present/sections/profile-section.js';
import { textSection } from '../../core/present/section-text.js';
import { baselineRun, reportDate } from '../golden/synthetic-runs.js';
import { syntheticProfile } from '../golden/synthetic-profile.js';

describe('the profile section: the breakdown a reviewer needs to explain where the time goes', () => {
  const section = profileSection(syntheticProfile)!;
  const tables = section.blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));

  test('summary first, then the trace file named as opening in Perfetto, then findings with their advice', () => {
    expect(section.blocks[0]).toEqual({ kind: 'text', text: syntheticProfile.summary });
    const text = textSection(section);
    expect(text).toContain('Trace: ort-profile.json, beside the run record; it opens in Perfetto');
    expect(text).toContain('! top-op-type: Conv (52 nodes) takes 89 % of kernel time');
    expect(text).toContain(`→ ${syntheticProfile.findings[0]!.advice}`);
  });

  test('op types with time, share, GFLOP/s, intensity, bound and % of roof; a missing figure is a dash', () => {
    const ops = tables.find((t) => t.caption === 'Time by op type')!.table;
    expect(ops.columns.map((c) => c.header)).toEqual(['Op type', 'Nodes', 'ms/run', 'Share', 'GFLOP/s', 'FLOP/byte', 'Bound', '% of roof']);
    expect(ops.rows[0]).toEqual(['Conv', '52', '7.32', '89.2 %', '81.6', '6.30', 'compute', '42.6 %']);
    expect(ops.rows[2]).toEqual(['ReorderOutput', '4', '0.310', '3.8 %', '–', '–', '–', '–']);
  });

  test('top nodes name their provider and shapes; placement lists providers by ONNX Runtime name', () => {
    const nodes = tables.find((t) => t.caption === 'Top 5 nodes')!.table;
    expect(nodes.rows[0]?.slice(0, 3)).toEqual(['Conv_0', 'FusedConv', 'CPU']);
    expect(nodes.rows[0]?.at(-1)).toBe('float[1,3,224,224], float[32,3,3,3] → float[1,32,112,112]');
    const placement = tables.find((t) => t.caption === 'Placement')!.table;
    expect(placement.rows).toEqual([['CPUExecutionProvider', '66', '100.0 %']]);
  });

  test('in JUnit the findings are properties and the breakdown is in <system-out>', async () => {
    const xml = await exporters.junit.render([baselineRun], { generatedAt: reportDate });
    expect(xml).toContain('<property name="profile_trace_file" value="ort-profile.json"/>');
    expect(xml).toMatch(/<property name="profile_finding_1" value="top-nodes: The 3 slowest nodes/);
    expect(xml).not.toContain('profile_finding_4');
    expect(xml).toMatch(/<system-out>[\s\S]*Time by op type[\s\S]*<\/system-out>/);
  });

  test('a profile not shaped like a summary is left to the generic tables', () => {
    expect(profileSection({ traceFile: 'x.json', kernelMsPerRun: 1 })).toBeNull();
  });
});
