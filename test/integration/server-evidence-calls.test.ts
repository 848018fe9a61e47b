import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedReport, TwoRunComparison } from '../../core/api/lab-api.js';
import type { VerifyAnswer } from '../../core/api/evidence-verify.js';
import type { RunSummaryList } from '../../core/api/run-summary.js';
import { runCli } from '../helpers/cli.js';
import { startLabServer, type LabServer } from '../helpers/lab-server.js';

/**
 * The calls `edgelab runs`, `compare`, `report` and `runs verify` make, over HTTP as the app makes
 * them, answer what the commands print: the same summaries, the same comparison text, the same
 * report under a title, the workspace verify names. The workspace is the 0.1.0 fixture of recorded
 * runs the command goldens read.
 */
const fixture = fileURLToPath(new URL('../fixtures/workspace-v0.1.0/', import.meta.url));
const ids = (JSON.parse(readFileSync(path.join(fixture, 'manifest.json'), 'utf8')) as { ids: Record<string, string> }).ids as Record<string, string>;

let workspace: string;
let server: LabServer;
const cli = (args: string[]) => runCli([...args, '--workspace', workspace]);

beforeAll(async () => {
  workspace = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-server-evidence-')), 'workspace');
  cpSync(path.join(fixture, 'workspace'), workspace, { recursive: true });
  server = await startLabServer(workspace);
});

afterAll(async () => {
  await server?.stop();
});

describe('the evidence calls over HTTP answer what the commands print', () => {
  it('runSummaries: the summaries `runs --json` prints, for a filter; the workspace and its record count beside them', async () => {
    const answer = await server.call<RunSummaryList>('runSummaries', { filter: { state: 'failed' } });
    expect(answer.status).toBe(200);
    const printed = await cli(['runs', '--state', 'failed', '--json']);
    expect(answer.value?.runs).toEqual(JSON.parse(printed.stdout));
    expect(answer.value?.runs.map((r) => r.id)).toEqual([ids['failed']]);
    expect(answer.value?.workspace).toBe(workspace);
    expect(answer.value?.recorded).toBe(readdirSync(path.join(workspace, 'runs')).filter((f) => /^\d{8}T\d{6}Z-[0-9a-f]{6}\.json$/.test(f)).length);
    expect(answer.value?.unreadable).toEqual([]);
  });

  it('runSummaries refuses a state it does not know, naming the field', async () => {
    const answer = await server.call('runSummaries', { filter: { state: 'finished' } });
    expect(answer.status).toBe(400);
    expect(answer.error?.message).toMatch(/runSummaries: field filter\.state/);
  });

  it('compare: the text `edgelab compare A B` prints, tested samples or stated figures', async () => {
    for (const other of [ids['oneThread'], ids['importedTrtexec']]) {
      const answer = await server.call<TwoRunComparison>('compare', { a: ids['baseline'], b: other });
      expect(answer.status).toBe(200);
      const printed = await cli(['compare', ids['baseline']!, other!]);
      expect(`${answer.value?.text}\n`).toBe(printed.stdout);
      expect(answer.value?.data).toEqual((JSON.parse((await cli(['compare', ids['baseline']!, other!, '--json'])).stdout) as { comparison: unknown }).comparison);
    }
  });

  it('exportReport with a title: the report `edgelab report --title` writes, and the head to pin', async () => {
    const answer = await server.call<ExportedReport>('exportReport', { ids: [ids['profiled']], format: 'md', title: 'Profiled run' });
    expect(answer.status).toBe(200);
    expect(answer.value?.content).toMatch(/^# Profiled run$/m);
    const printed = await cli(['report', ids['profiled']!, '--format', 'md', '--title', 'Profiled run']);
    const undated = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<t>');
    expect(undated(`${answer.value?.content.replace(/\n$/, '')}\n`)).toBe(undated(printed.stdout));
    const verify = await server.call<VerifyAnswer>('verify', { request: {} });
    expect(answer.value?.ledgerHead).toBe(verify.value?.head);
    expect(verify.value?.workspace).toBe(workspace);
  });
});
