import { expect, test } from 'vitest';
import { missingNativePackagesReason, nativePackagesFor } from '../../electron/native-packages.js';

test("each installer needs its own platform's sharp (and libvips outside Windows)", () => {
  expect(nativePackagesFor('linux', 'arm64')).toEqual(['@img/sharp-linux-arm64', '@img/sharp-libvips-linux-arm64']);
  expect(nativePackagesFor('darwin', 'arm64')).toEqual(['@img/sharp-darwin-arm64', '@img/sharp-libvips-darwin-arm64']);
  expect(nativePackagesFor('win32', 'x64')).toEqual(['@img/sharp-win32-x64']);
});

test('an arm64 Linux installer packed on an x64 machine is refused, with the fix', () => {
  // What `npm install` leaves on an x64 Linux machine.
  const installedHere = new Set(['@img/sharp-linux-x64', '@img/sharp-libvips-linux-x64']);
  expect(missingNativePackagesReason('linux', 'x64', (n) => installedHere.has(n))).toBeNull();
  expect(missingNativePackagesReason('linux', 'arm64', (n) => installedHere.has(n))).toBe(
    "The linux/arm64 installer would lack @img/sharp-linux-arm64 and @img/sharp-libvips-linux-arm64 (sharp's native code for that platform), so image runs would fail in it. " +
      'Build it on a linux/arm64 machine, or add that platform\'s packages first: npm install --no-save --os=linux --cpu=arm64 --libc=glibc sharp',
  );
});
