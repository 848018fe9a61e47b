/**
 * COCO's compressed RLE strings (the `counts` string of a segmentation), as maskApi.c's rleToString
 * and rleFrString write and read them: each count from the third on is stored as the difference to
 * the count two before it, in a LEB128-like code of 5 bits per character, offset by 48 so that the
 * characters are printable ('0' to 'o').
 */
import { rle, type Rle } from './rle.js';

const TWO_32 = 2 ** 32;

export function rleToString(r: Rle): string {
  const chars: number[] = [];
  const cnts = r.counts;
  for (let i = 0; i < cnts.length; i++) {
    let x = cnts[i] as number;
    if (i > 2) x -= cnts[i - 2] as number;
    let more = true;
    while (more) {
      // Arithmetic shift by 5 on a value that may exceed 32 bits, so no bitwise operators.
      let c = ((x % 32) + 32) % 32;
      x = Math.floor(x / 32);
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      chars.push(c + 48);
    }
  }
  let out = '';
  // In slices: spreading a long array into one call would overflow the stack.
  for (let i = 0; i < chars.length; i += 8192) out += String.fromCharCode(...chars.slice(i, i + 8192));
  return out;
}

/**
 * rleFrString. Characters outside '0'..'o' are refused: maskApi.c would read them as garbage counts.
 * `where` names the field in the message.
 */
export function rleFromString(s: string, h: number, w: number, where = 'counts'): Rle {
  const cnts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= s.length) throw new RangeError(`${where}: the compressed RLE string ends in the middle of a count`);
      const c = s.charCodeAt(p) - 48;
      if (c < 0 || c > 63) throw new RangeError(`${where}: character ${JSON.stringify(s[p])} at ${p} is not part of a compressed RLE string`);
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && c & 0x10) x -= 2 ** (5 * k);
    }
    if (cnts.length > 2) x += cnts[cnts.length - 2] as number;
    cnts.push(((x % TWO_32) + TWO_32) % TWO_32);
  }
  return rle(h, w, cnts);
}
