import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractTgz } from '../../scripts/bundle/tar-reader.js';

// Archives written by the system's GNU tar in each header format npm tarballs may use.
let dir: string;
const longFolder = `package/${'deep-folder-name/'.repeat(8)}`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-tar-'));
  const src = path.join(dir, 'src');
  await mkdir(path.join(src, longFolder), { recursive: true });
  await mkdir(path.join(src, 'package', 'bin', 'other-platform'), { recursive: true });
  await writeFile(path.join(src, 'package', 'package.json'), '{"name":"x"}\n');
  await writeFile(path.join(src, longFolder, 'file-with-a-long-path.js'), 'module.exports = 42;\n');
  await writeFile(path.join(src, 'package', 'bin', 'run'), '#!/bin/sh\necho hi\n', { mode: 0o775 });
  await writeFile(path.join(src, 'package', 'bin', 'other-platform', 'big.so'), Buffer.alloc(5000, 7));
  execFileSync('ln', ['-s', 'package.json', path.join(src, 'package', 'link.json')]);
  for (const format of ['pax', 'gnu', 'ustar']) {
    execFileSync('tar', ['-czf', path.join(dir, `${format}.tgz`), `--format=${format}`, '-C', src, 'package']);
  }
});

describe('unpacking a registry tarball in process', () => {
  it.each(['pax', 'gnu', 'ustar'])('%s headers: long paths, contents, executable bits, top folder stripped', async (format) => {
    const out = path.join(dir, `out-${format}`);
    const written = await extractTgz(path.join(dir, `${format}.tgz`), out);
    expect(written).toBe(4);
    expect(await readFile(path.join(out, longFolder.replace('package/', ''), 'file-with-a-long-path.js'), 'utf8')).toBe('module.exports = 42;\n');
    expect((await stat(path.join(out, 'bin', 'run'))).mode & 0o777).toBe(0o755);
    expect((await stat(path.join(out, 'package.json'))).mode & 0o777).toBe(0o644);
    expect((await readFile(path.join(out, 'bin', 'other-platform', 'big.so'))).length).toBe(5000);
    // Symlinks are not followed or made: npm does not publish them.
    await expect(stat(path.join(out, 'link.json'))).rejects.toThrow();
  });

  it('writes only what the filter keeps', async () => {
    const out = path.join(dir, 'out-filtered');
    const written = await extractTgz(path.join(dir, 'pax.tgz'), out, (p) => !p.startsWith('bin/other-platform/'));
    expect(written).toBe(3);
    await expect(stat(path.join(out, 'bin', 'other-platform'))).rejects.toThrow();
  });

  it('refuses an entry that climbs out of the package folder', async () => {
    // One hand-made ustar header: name "package/../../evil", a 3-byte regular file.
    const header = Buffer.alloc(512);
    header.write('package/../../evil', 0);
    header.write('0000644\0', 100);
    header.write('00000000003\0', 124);
    header.write('0', 156);
    header.write('ustar\x0000', 257);
    header.fill(' ', 148, 156);
    const sum = header.reduce((a, b) => a + b, 0);
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    const body = Buffer.alloc(512);
    body.write('bad');
    const archive = path.join(dir, 'evil.tgz');
    await writeFile(archive, gzipSync(Buffer.concat([header, body, Buffer.alloc(1024)])));
    await expect(extractTgz(archive, path.join(dir, 'out-evil', 'pkg'))).rejects.toThrow(/points outside the package folder/);
    await expect(stat(path.join(dir, 'evil'))).rejects.toThrow();
  });
});
