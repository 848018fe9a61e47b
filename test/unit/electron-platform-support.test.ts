import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ORT_NATIVE_TARGETS, unsupportedPlatformReason } from '../../electron/platform-support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the supported list is what the installed onnxruntime-node ships', () => {
  const bin = path.join(root, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');
  const shipped = readdirSync(bin).flatMap((platform) => readdirSync(path.join(bin, platform)).map((arch) => `${platform}/${arch}`));
  expect([...ORT_NATIVE_TARGETS].sort()).toEqual(shipped.sort());
});

test('Intel macOS is refused by name, with where edgelab does run', () => {
  const reason = unsupportedPlatformReason('darwin', 'x64');
  expect(reason).toContain('no native build for Intel macOS (darwin/x64)');
  expect(reason).toContain('Apple silicon');
  expect(unsupportedPlatformReason('darwin', 'arm64')).toBeNull();
  expect(unsupportedPlatformReason('linux', 'arm64')).toBeNull();
  expect(unsupportedPlatformReason('win32', 'ia32')).toContain('win32/ia32');
});
