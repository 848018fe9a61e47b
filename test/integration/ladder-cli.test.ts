import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { adrCommand } from '../../core/cli/commands/adr.js';
import { ladderCommand } from '../../core/cli/commands/ladder.js';
import type { CommandContext } from '../../core/cli/context.js';
import { Workspace } from '../../core/evidence/workspace.js';
import { JETSON, PROFILE, REALTIME_PASS, run } from '../golden/ladder/records.js';

function context(dir: string): { ctx: CommandContext; out: () => string } {
  let text = '';
  const stdout = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  const ctx = { stdout, stderr: process.stderr, signal: new AbortController().signal, env: { EDGELAB_WORKSPACE: dir } } as CommandContext;
  return { ctx, out: () => text };
}

describe('edgelab ladder and adr on a real workspace', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgelab-ladder-'));
    const ws = await Workspace.open(dir);
    await ws.saveRun(run({ id: '20260304T090000Z-0rin00', hardware: JETSON, verdicts: [REALTIME_PASS] }));
    await ws.saveRun(run({ id: '20260303T090000Z-pr0f00', extras: { profile: PROFILE } }));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('assesses, attests, explains and shows measured and attested items apart', async () => {
    const { ctx, out } = context(dir);
    expect(await ladderCommand(['assess', '--yes', '1,3'], ctx)).toBe(0);
    expect(out()).toContain('2 of 5 yes → start in the Mid phase.');
    expect(await ladderCommand(['attest', 'design-doc', '--note', 'Tracker subsystem design', '--link', 'https://example.com/design'], ctx)).toBe(0);
    expect(await ladderCommand(['explain', '20260303T090000Z', '--note', 'Conv layers dominate; memory bound at batch 1.'], ctx)).toBe(0);
    expect(await ladderCommand([], ctx)).toBe(0);
    const status = out();
    expect(status).toContain('Mid → Senior: 1 of 5   ← you are here');
    expect(status).toMatch(/✔ profile-explained\s+\[measured\]/);
    expect(status).toMatch(/✔ edge-realtime\s+\[measured\]/);
    expect(status).toMatch(/✔ design-doc\s+\[attested\]/);
    expect(status).toContain('explained');
  });

  it('refuses a measured item and an unknown subcommand with usage errors', async () => {
    const { ctx } = context(dir);
    await expect(ladderCommand(['attest', 'benchmark-upkeep', '--note', 'I ran it'], ctx)).rejects.toBeInstanceOf(LabError);
    await expect(ladderCommand(['promote'], ctx)).rejects.toThrow('unknown subcommand "promote"');
    await expect(ladderCommand(['explain', '20260304T090000Z', '--note', 'x'], ctx)).rejects.toThrow('has no op-level profile');
  });

  it('exports a self-contained HTML record with charts and the ledger status, and a decision record lab', async () => {
    const { ctx, out } = context(dir);
    expect(await adrCommand(['new', 'Ship INT8 on the Orin', '--run', '20260304T090000Z'], ctx)).toBe(0);
    expect(await adrCommand(['list'], ctx)).toBe(0);
    expect(out()).toContain('0001');
    const file = join(dir, 'record.html');
    expect(await ladderCommand(['export', '--out', file], ctx)).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Verified: 2 record(s)');
    expect(await ladderCommand(['labs'], ctx)).toBe(0);
    expect(out()).toMatch(/✔ done {2}decision-record/);
  });

  it('reports an edited record in the exported Markdown', async () => {
    const path = join(dir, 'runs', '20260304T090000Z-0rin00.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"iterations": 8', '"iterations": 9'));
    const { ctx, out } = context(dir);
    expect(await ladderCommand(['export', '--format', 'md'], ctx)).toBe(0);
    expect(out()).toContain('Not verified');
  });
});
