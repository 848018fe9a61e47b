import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../core/api/lab-api.js';
import { DEVICE_STEPS, FLEET_STEPS } from '../../core/ci/pipeline-steps.js';
import { callLab } from '../../core/lab/lab-dispatch.js';
import { openCiLab } from '../../core/lab/open-lab.js';

// ciWorkflow as every transport calls it (serve's POST body, the app's IPC message): the request is
// checked with the schema first, and a bad one is refused naming the field.
const lab = openCiLab() as unknown as LabApi;
const request = (changes: Record<string, unknown> = {}) => ({ request: { engine: 'gitlab', devices: [{ label: 'orin-nx-16g', powerMode: 0 }], suite: 'perf/suite.yaml', ...changes } });

describe('the ciWorkflow call', () => {
  it('answers with the workflow file and what is left to do', async () => {
    const answer = (await callLab(lab, 'ciWorkflow', request())) as Awaited<ReturnType<LabApi['ciWorkflow']>>;
    expect(answer.files.map((f) => f.path)).toEqual(['.gitlab-ci.yml']);
    expect(answer.notes.join('\n')).toContain('orin-nx-16g');
    const github = (await callLab(lab, 'ciWorkflow', request({ engine: 'github' }))) as Awaited<ReturnType<LabApi['ciWorkflow']>>;
    expect(github.files.map((f) => f.path)).toEqual(['.github/workflows/edgelab-fleet.yml']);
    // Every step's shell text, line for line, is in both files (each indents it as its YAML needs).
    for (const step of [...DEVICE_STEPS, ...FLEET_STEPS]) {
      const unindented = (text: string) => text.split('\n').map((l) => l.trim()).join('\n');
      for (const file of [answer.files[0]!, github.files[0]!]) expect(unindented(file.content), `${file.path}: ${step.name}`).toContain(unindented(step.run));
    }
  });

  it.each([
    [{ engine: 'jenkins' }, 'request.engine'],
    [{ devices: [] }, 'request.devices'],
    [{ devices: [{ label: 'a b' }] }, 'request.devices'],
    [{ devices: [{ label: 'orin', powerMode: 100 }] }, 'request.devices'],
    [{ suite: '../suite.yaml' }, 'request.suite'],
    [{ extra: true }, 'extra'],
  ])('refuses %j, naming the field', async (changes, field) => {
    await expect(callLab(lab, 'ciWorkflow', request(changes))).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining(field) as unknown as string });
  });
});
