import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newestVersion, requiredGlibc } from '../../scripts/bundle/glibc-floor.js';
import { repoRoot } from '../helpers/cli.js';

const ortBin = path.join(repoRoot, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');

// Expected values are what binutils' `objdump -T FILE | grep -o 'GLIBC_[0-9.]*' | sort -V | tail -1`
// prints for the same files of onnxruntime-node 1.30.0.
describe('the oldest glibc a native file loads on', () => {
  it('reads GLIBC_x.y from the version-needs section of real aarch64 and x86-64 libraries', () => {
    expect(requiredGlibc(readFileSync(path.join(ortBin, 'linux', 'arm64', 'libonnxruntime.so.1')))).toBe('2.28');
    expect(requiredGlibc(readFileSync(path.join(ortBin, 'linux', 'x64', 'libonnxruntime.so.1')))).toBe('2.28');
    expect(requiredGlibc(readFileSync(path.join(ortBin, 'linux', 'x64', 'onnxruntime_binding.node')))).toBe('2.14');
  });

  it('says nothing for files that are not Linux ELF', () => {
    expect(requiredGlibc(readFileSync(path.join(ortBin, 'darwin', 'arm64', 'onnxruntime_binding.node')))).toBeNull();
    expect(requiredGlibc(readFileSync(path.join(ortBin, 'win32', 'x64', 'onnxruntime_binding.node')))).toBeNull();
    expect(requiredGlibc(new TextEncoder().encode('#!/bin/sh\n'))).toBeNull();
  });

  it('compares versions as numbers, not text', () => {
    expect(newestVersion(['2.17', '2.28', '2.3.4', null, '2.9'])).toBe('2.28');
    expect(newestVersion([null, null])).toBeNull();
  });
});
