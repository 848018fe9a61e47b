import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listImageFiles } from '../../core/inputs/images/image-files.js';

describe('image paths: a file, a list file or a folder', () => {
  it('expands folders recursively in sorted order and list files relative to themselves', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-list-'));
    await mkdir(path.join(dir, 'frames', 'b'), { recursive: true });
    for (const f of ['frames/2.png', 'frames/10.jpg', 'frames/b/1.webp', 'frames/skip.txt', 'single.JPG']) await writeFile(path.join(dir, f), '');
    await writeFile(path.join(dir, 'list.txt'), 'single.JPG\n\n# comment\nframes/b/1.webp\n');
    const files = await listImageFiles([path.join(dir, 'single.JPG'), path.join(dir, 'frames'), path.join(dir, 'list.txt')]);
    expect(files.map((f) => path.relative(dir, f))).toEqual([
      'single.JPG',
      path.join('frames', '10.jpg'), path.join('frames', '2.png'), path.join('frames', 'b', '1.webp'),
      'single.JPG', path.join('frames', 'b', '1.webp'),
    ]);
  });
});
