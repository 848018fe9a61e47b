import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * A label and a tag holding terminal controls, through the real `edgelab` process: ESC [2J clears
 * the screen, ESC ]0; sets the window title, CR returns over the line, BEL rings, U+009B is a
 * one-byte CSI, U+202E reverses what follows. Every text face shows them as \uXXXX; none passes
 * one on. The JSON record keeps the label exactly as given: it is the evidence.
 */
const label = 'gate\u001b[2J\u001b]0;pwned\u0007\r\u009b31m\u202eevil';
const tag = 'ci\u001b[31m';
// Anything a terminal or viewer acts on: C0 but tab and newline, DEL, C1, bidi overrides.
const raw = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

let id: string;
let out: string;

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'edgelab-controls-'));
  const r = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '3', '--warmup', '1', '--label', label, '--tag', tag, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const record = JSON.parse(r.stdout) as RunRecord;
  expect(record.spec.label).toBe(label);
  expect(record.spec.tags).toEqual([tag]);
  id = record.id;
});

describe('control characters in a label and a tag', () => {
  it('bench, runs and runs show print them as escapes', async () => {
    for (const args of [['runs'], ['runs', '--tag', tag], ['runs', 'show', id]]) {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(raw);
      expect(r.stdout).toContain('gate\\u001b[2J\\u001b]0;pwned\\u0007\\u000d\\u009b31m\\u202eevil');
    }
    const list = await runCli(['runs']);
    // The label's row is still one row.
    expect(list.stdout.split('\n').filter((l) => l.includes(id))).toHaveLength(1);
  });

  it('the Markdown, HTML, CSV and JUnit reports hold no raw control character', async () => {
    for (const format of ['md', 'html', 'csv', 'junit']) {
      const file = path.join(out, `report.${format === 'junit' ? 'xml' : format}`);
      const r = await runCli(['report', id, '--format', format, '--out', file]);
      expect(r.code, r.stderr).toBe(0);
      const text = await readFile(file, 'utf8');
      expect(text, format).not.toMatch(raw);
      if (format !== 'csv') expect(text, format).toMatch(/gate\\{1,2}u001b/);
    }
  });

  it('JSON keeps the label exactly: \\u001b is JSON\'s own escape, so it reads back the same', async () => {
    const r = await runCli(['runs', 'show', id, '--json']);
    expect(r.stdout).not.toMatch(raw);
    expect((JSON.parse(r.stdout) as RunRecord).spec.label).toBe(label);
  });

  it('an error message quoting a path with controls escapes them too', async () => {
    const r = await runCli(['inspect', path.join(out, 'no\u001b[2Jsuch.onnx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(raw);
    expect(r.stderr).toContain('no\\u001b[2Jsuch.onnx');
  });
});
