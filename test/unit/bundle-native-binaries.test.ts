import { copyFile, mkdir, mkdtemp, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNativeFiles, foreignBinaries, nativeKind } from '../../scripts/bundle/native-binaries.js';
import { repoRoot } from '../helpers/cli.js';

// onnxruntime-node's npm package carries real builds for every platform: real headers to test on.
const ortBin = path.join(repoRoot, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');

async function head(file: string, bytes = 4096): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

describe('what native code a file holds', () => {
  it('reads e_machine from real ELF files: aarch64 and x86-64 builds of ONNX Runtime', async () => {
    expect(nativeKind(await head(path.join(ortBin, 'linux', 'arm64', 'libonnxruntime.so.1')))).toEqual({ format: 'elf', machine: 'aarch64', bits: 64 });
    expect(nativeKind(await head(path.join(ortBin, 'linux', 'arm64', 'onnxruntime_binding.node')))).toEqual({ format: 'elf', machine: 'aarch64', bits: 64 });
    expect(nativeKind(await head(path.join(ortBin, 'linux', 'x64', 'onnxruntime_binding.node')))).toEqual({ format: 'elf', machine: 'x86-64', bits: 64 });
  });

  it('knows the Node running the tests is ELF for this CPU', async () => {
    const expected = process.arch === 'arm64' ? 'aarch64' : 'x86-64';
    expect(nativeKind(await head(process.execPath))).toMatchObject({ format: 'elf', machine: expected });
  });

  it('recognises the macOS and Windows builds, so a bundle can refuse them', async () => {
    expect(nativeKind(await head(path.join(ortBin, 'darwin', 'arm64', 'onnxruntime_binding.node')))).toEqual({ format: 'mach-o' });
    expect(nativeKind(await head(path.join(ortBin, 'win32', 'x64', 'onnxruntime.dll')))).toEqual({ format: 'pe' });
  });

  it('leaves text, JavaScript and short files alone, even ones starting with the magic letters', () => {
    expect(nativeKind(new TextEncoder().encode('MZ is how this README starts, and it is long enough to reach 0x3c......'))).toBeNull();
    expect(nativeKind(new TextEncoder().encode('#!/bin/sh\nexec node "$@"\n'))).toBeNull();
    expect(nativeKind(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]))).toBeNull();
    expect(nativeKind(new Uint8Array([]))).toBeNull();
    // A Java class file shares Mach-O fat's 0xcafebabe; its version word (>= 45) tells it apart.
    expect(nativeKind(new Uint8Array([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x41]))).toBeNull();
  });

  it('finds every native file in a tree whatever its name, and names the ones foreign to the target', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-native-'));
    await mkdir(path.join(dir, 'lib', 'deep'), { recursive: true });
    await copyFile(path.join(ortBin, 'linux', 'arm64', 'onnxruntime_binding.node'), path.join(dir, 'lib', 'ok.node'));
    await copyFile(path.join(ortBin, 'linux', 'x64', 'onnxruntime_binding.node'), path.join(dir, 'lib', 'deep', 'no-extension'));
    await copyFile(path.join(ortBin, 'darwin', 'arm64', 'onnxruntime_binding.node'), path.join(dir, 'mac.bin'));
    await writeFile(path.join(dir, 'index.js'), 'module.exports = 1;\n');
    const found = await findNativeFiles(dir);
    expect(found.map((f) => f.path)).toEqual(['lib/deep/no-extension', 'lib/ok.node', 'mac.bin']);
    expect(foreignBinaries(found, 'aarch64').map((f) => f.path)).toEqual(['lib/deep/no-extension', 'mac.bin']);
    expect(foreignBinaries(found, 'x86-64').map((f) => f.path)).toEqual(['lib/ok.node', 'mac.bin']);
  });
});
