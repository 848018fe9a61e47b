import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fileHashes } from '../helpers/file-hashes.js';
import { modelPath } from '../helpers/models.js';

/**
 * `bench --images` decodes each image inside the timed preprocess stage; an image that does not
 * decode must still be refused as bad input before anything is measured: not saved as a failed run,
 * and not missed because the run ended before reaching it in the set. Through the real `edgelab`.
 */
let dir: string;
let workspace: string;
let tiny: string;
let whole: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-images-first-'));
  workspace = path.join(dir, 'ws');
  tiny = await modelPath('tiny-classifier');
  whole = await sharp({ create: { width: 96, height: 96, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 90 }).toBuffer();
  // One run, so the workspace and its ledger exist before they are hashed.
  const first = path.join(dir, 'whole.jpg');
  await writeFile(first, whole);
  expect((await runCli(['bench', tiny, '--images', first, '--iterations', '2', '--warmup', '1', '--workspace', workspace])).code).toBe(0);
});

async function expectRefusedBeforeMeasuring(images: string, ...mentions: string[]): Promise<void> {
  const before = fileHashes(workspace);
  const r = await runCli(['bench', tiny, '--images', images, '--iterations', '1', '--warmup', '0', '--workspace', workspace]);
  expect(r.code, r.stdout + r.stderr).toBe(2);
  for (const m of mentions) expect(r.stderr).toContain(m);
  expect(r.stdout).not.toContain('Recorded as');
  expect(fileHashes(workspace)).toEqual(before);
}

describe('every image is decoded before the session starts', () => {
  it('a cut JPEG third in a folder is refused, though one frame would never reach it, and no failed run is saved', async () => {
    const folder = path.join(dir, 'set');
    await mkdir(folder);
    await writeFile(path.join(folder, 'a.jpg'), whole);
    await writeFile(path.join(folder, 'b.jpg'), whole);
    await writeFile(path.join(folder, 'c.jpg'), whole.subarray(0, whole.length >> 1));
    await expectRefusedBeforeMeasuring(folder, `Image ${path.join(folder, 'c.jpg')} cannot be decoded`);
  });

  it('a 138-byte PNG that claims 20000 × 20000 pixels is refused naming the size limit', async () => {
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const framed = Buffer.alloc(8 + body.length);
      framed.writeUInt32BE(data.length, 0);
      body.copy(framed, 4);
      framed.writeUInt32BE(crc32(body), 4 + body.length);
      return framed;
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(20000, 0);
    header.writeUInt32BE(20000, 4);
    header[8] = 8; // bit depth
    header[9] = 2; // RGB
    const file = path.join(dir, 'claims-huge.png');
    await writeFile(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(60001))), chunk('IEND', Buffer.alloc(0))]));
    await expectRefusedBeforeMeasuring(file, `Image ${file} cannot be decoded`, 'larger than 268 megapixels');
  });
});
