import { createWriteStream } from 'node:fs';
import { mkdtemp, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, testWorkspace } from '../helpers/cli.js';
import { fileHashes } from '../helpers/file-hashes.js';

/**
 * Files larger than a trace can be, or a small gzip file that inflates to more: refused by size
 * before they are read whole (a sparse file takes no disk here), through the real `edgelab` process.
 * Before the bound, a 7 MB gzip of zeros took 4.7 GB of memory and ended in a message about a
 * download cut short.
 */
let dir: string;
let before: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-import-size-'));
  expect((await runCli(['runs'])).code).toBe(0);
  before = fileHashes(testWorkspace);
});

async function sparse(name: string, bytes: number): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, '');
  await truncate(file, bytes);
  return file;
}

async function expectRefused(args: string[], ...mentions: string[]): Promise<void> {
  const r = await runCli(args, { timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(2);
  for (const m of mentions) expect(r.stderr).toContain(m);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  expect(fileHashes(testWorkspace)).toEqual(before);
}

describe('imports refuse files past the size they read', () => {
  it('a 600 MB trace or trtexec export is refused by its size, unread', async () => {
    const trace = await sparse('huge.json', 600_000_000);
    await expectRefused(['import', 'ort-profile', trace], `${trace} is 600 MB; edgelab reads ONNX Runtime traces of up to 500 MB`);
    const times = await sparse('huge-times.json', 600_000_000);
    await expectRefused(['import', 'trtexec', '--times', times], `--times ${times} is 600 MB; edgelab imports files of up to 500 MB`);
  });

  it('a gzip trace that inflates past 500 MB is refused as such, not as a cut-off download', async () => {
    const bomb = path.join(dir, 'inflates.json.gz');
    const zeros = Buffer.alloc(1 << 20);
    async function* chunks() {
      for (let i = 0; i < 510; i++) yield zeros; // 510 MiB of zeros: about 0.5 MB compressed
    }
    await pipeline(Readable.from(chunks()), createGzip({ level: 1 }), createWriteStream(bomb));
    expect((await stat(bomb)).size).toBeLessThan(5_000_000);
    await expectRefused(['import', 'ort-profile', bomb], `${bomb} decompresses to more than 500 MB; edgelab reads ONNX Runtime traces of up to 500 MB`);
  });
});
