import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ElfMachine } from './bundle-target.js';

/**
 * What kind of native code a file holds, read from its first bytes. A bundle for one device must
 * hold only that device's ELF files: a stray x64 library is dead weight at best and, when a loader
 * picks it (sharp tries several package names), a crash on the device.
 */
export type NativeKind =
  | { format: 'elf'; machine: ElfMachine | `e_machine ${number}`; bits: 32 | 64 }
  | { format: 'mach-o' }
  | { format: 'pe' };

/** The ELF e_machine values the bundle targets (System V ABI, elf.h: EM_X86_64, EM_AARCH64). */
const elfMachines: Record<number, ElfMachine> = { 62: 'x86-64', 183: 'aarch64' };

export function nativeKind(header: Uint8Array): NativeKind | null {
  if (header.length >= 20 && header[0] === 0x7f && header[1] === 0x45 && header[2] === 0x4c && header[3] === 0x46) {
    // EI_CLASS (byte 4): 1 = 32-bit, 2 = 64-bit. EI_DATA (byte 5): 1 = little-endian, 2 = big-endian.
    // e_machine is the 16-bit field at offset 18 in both classes.
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    const code = view.getUint16(18, header[5] === 1);
    return { format: 'elf', machine: elfMachines[code] ?? `e_machine ${code}`, bits: header[4] === 1 ? 32 : 64 };
  }
  if (header.length >= 4) {
    const magic = new DataView(header.buffer, header.byteOffset, header.byteLength).getUint32(0, false);
    // Mach-O thin (32/64-bit, either byte order) and universal ("fat") binaries.
    if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic)) {
      // 0xcafebabe is also a Java class file; a class file's next 4 bytes are a version >= 45, a fat
      // header's the count of architectures (a handful), so tell them apart.
      if (magic !== 0xcafebabe || (header.length >= 8 && new DataView(header.buffer, header.byteOffset).getUint32(4, false) < 20)) {
        return { format: 'mach-o' };
      }
    }
    // A Windows DLL or .node: "MZ" followed, at the offset stored at 0x3c, by "PE\0\0". The "MZ" alone
    // would also match text files that happen to start with those letters.
    if (header[0] === 0x4d && header[1] === 0x5a && header.length >= 64) {
      const peOffset = new DataView(header.buffer, header.byteOffset).getUint32(0x3c, true);
      if (peOffset + 4 <= header.length) {
        const pe = header.subarray(peOffset, peOffset + 4);
        if (pe[0] === 0x50 && pe[1] === 0x45 && pe[2] === 0 && pe[3] === 0) return { format: 'pe' };
      }
    }
  }
  return null;
}

export interface NativeFile {
  /** Relative to the folder that was walked, with `/` separators. */
  path: string;
  kind: NativeKind;
}

/** Reads enough of a file to classify it: the ELF header, or a PE header as far as 0x3c points. */
async function readHeader(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Every native binary under `root`, whatever its name (a .so.1, a .node, an executable without one). */
export async function findNativeFiles(root: string): Promise<NativeFile[]> {
  const found: NativeFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const kind = nativeKind(await readHeader(full));
        if (kind) found.push({ path: path.relative(root, full).split(path.sep).join('/'), kind });
      }
    }
  };
  await walk(root);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/** The native files that would not run on `machine`: other ELF machines, Mach-O, PE. */
export function foreignBinaries(files: NativeFile[], machine: ElfMachine): NativeFile[] {
  return files.filter((f) => f.kind.format !== 'elf' || f.kind.machine !== machine || f.kind.bits !== 64);
}

export function describeNativeKind(kind: NativeKind): string {
  return kind.format === 'elf' ? `ELF ${kind.bits}-bit ${kind.machine}` : kind.format === 'pe' ? 'Windows PE' : 'Mach-O';
}
