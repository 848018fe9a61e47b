import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { BLOCK, encodeHeader, paddingOf } from './ustar.js';

const CHUNK = 1024 * 1024;

/**
 * Writes a ustar archive entry by entry to a file, never holding more than one chunk of a file in
 * memory. A file copied in is hashed as it is copied: if its bytes are not the ones the manifest
 * already states (it changed since), the archive is abandoned rather than written wrong.
 */
export class TarWriter {
  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<TarWriter> {
    return new TarWriter(await open(path, 'wx'));
  }

  async addBuffer(path: string, bytes: Buffer, mtime: number): Promise<void> {
    await this.handle.write(encodeHeader(path, bytes.length, mtime));
    await this.handle.write(bytes);
    await this.pad(bytes.length);
  }

  /** Copies `source` in as `path`; throws when its size or SHA-256 is not what was stated. */
  async addFile(path: string, source: string, expected: { size: number; sha256: string }, mtime: number): Promise<void> {
    await this.handle.write(encodeHeader(path, expected.size, mtime));
    const input = await open(source, 'r');
    const hash = createHash('sha256');
    let copied = 0;
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const { bytesRead } = await input.read(buffer, 0, Math.min(CHUNK, expected.size - copied + 1), null);
        if (bytesRead === 0) break;
        copied += bytesRead;
        if (copied > expected.size) break;
        hash.update(buffer.subarray(0, bytesRead));
        await this.handle.write(buffer.subarray(0, bytesRead));
      }
    } finally {
      await input.close();
    }
    if (copied !== expected.size || hash.digest('hex') !== expected.sha256) {
      throw new Error(`${source} changed while the bundle was written`);
    }
    await this.pad(expected.size);
  }

  /** The two zero blocks that end an archive, then fsync. */
  async finish(): Promise<void> {
    await this.handle.write(Buffer.alloc(BLOCK * 2));
    await this.handle.sync();
    await this.handle.close();
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private async pad(size: number): Promise<void> {
    const padding = paddingOf(size);
    if (padding > 0) await this.handle.write(Buffer.alloc(padding));
  }
}
