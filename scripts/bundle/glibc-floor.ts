/**
 * The oldest glibc a native file can load on, read from its ELF version-needs section
 * (`.gnu.version_r`, what `readelf -V` prints): the highest `GLIBC_x.y` it asks for. Loading a binary
 * on an older glibc fails inside the dynamic loader with "version `GLIBC_2.28' not found"; knowing the
 * floor lets the bundle's launcher say so in plain words first (a Jetson on JetPack 4 has 2.27).
 */

const SHT_GNU_VERNEED = 0x6ffffffe;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function newestVersion(versions: Array<string | null>): string | null {
  return versions.reduce<string | null>((best, v) => (v !== null && (best === null || compareVersions(v, best) > 0) ? v : best), null);
}

/** The glibc version an ELF file needs, or null: not 64-bit little-endian ELF, or it asks for no glibc symbol versions. */
export function requiredGlibc(elf: Uint8Array): string | null {
  if (elf.length < 64 || elf[0] !== 0x7f || elf[1] !== 0x45 || elf[2] !== 0x4c || elf[3] !== 0x46) return null;
  // x86-64 and aarch64 Linux are ELFCLASS64, little-endian; anything else is not a bundle target.
  if (elf[4] !== 2 || elf[5] !== 1) return null;
  const view = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  const shoff = u64(0x28);
  const shentsize = u16(0x3a);
  const shnum = u16(0x3c);
  if (shoff === 0 || shoff + shnum * shentsize > elf.length) return null;
  const section = (i: number) => {
    const at = shoff + i * shentsize;
    return { type: u32(at + 4), offset: u64(at + 0x18), size: u64(at + 0x20), link: u32(at + 0x28), info: u32(at + 0x2c) };
  };
  const cString = (at: number) => {
    let end = at;
    while (end < elf.length && elf[end] !== 0) end++;
    return Buffer.from(elf.buffer, elf.byteOffset + at, end - at).toString('latin1');
  };
  const found: string[] = [];
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (s.type !== SHT_GNU_VERNEED) continue;
    const strtab = section(s.link).offset;
    // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
    // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
    let need = s.offset;
    for (let n = 0; n < s.info && need + 16 <= elf.length; n++) {
      const count = u16(need + 2);
      let aux = need + u32(need + 8);
      for (let a = 0; a < count && aux + 16 <= elf.length; a++) {
        const match = /^GLIBC_(\d+\.\d+(?:\.\d+)?)$/.exec(cString(strtab + u32(aux + 8)));
        if (match?.[1]) found.push(match[1]);
        const next = u32(aux + 12);
        if (next === 0) break;
        aux += next;
      }
      const next = u32(need + 12);
      if (next === 0) break;
      need += next;
    }
  }
  return newestVersion(found);
}
