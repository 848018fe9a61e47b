import { expect, it } from 'vitest';
import { helpFailure } from '../../core/engines/trtexec/trtexec-failure.js';

// What a trtexec that cannot start prints: the dynamic loader's own message when libnvinfer is not on
// its path (the text ld.so writes, exit 127), or nothing at all. TensorRT cannot run here.
const exit = (code: number | null, stderr: string, output = stderr) => ({ code, signal: null, output, stderr, timedOut: false });

it('names the missing TensorRT library and says where JetPack and the tar put it', () => {
  const error = helpFailure('/usr/src/tensorrt/bin/trtexec', exit(127, '/usr/src/tensorrt/bin/trtexec: error while loading shared libraries: libnvinfer.so.10: cannot open shared object file: No such file or directory\n'));
  expect(error?.kind).toBe('unavailable');
  expect(error?.message).toBe('/usr/src/tensorrt/bin/trtexec did not run: `trtexec --help` exited with code 127:\n  > /usr/src/tensorrt/bin/trtexec: error while loading shared libraries: libnvinfer.so.10: cannot open shared object file: No such file or directory');
  expect(error?.hint).toContain('LD_LIBRARY_PATH');
});

it('a program that prints nothing, one that hangs, and a real trtexec', () => {
  expect(helpFailure('/bin/true', exit(0, ''))?.message).toBe('/bin/true did not run: `trtexec --help` exited with code 0 and printed nothing.');
  expect(helpFailure('/x/trtexec', { ...exit(null, ''), timedOut: true })?.message).toBe('/x/trtexec did not run: `trtexec --help` did not answer within 30 s and printed nothing.');
  expect(helpFailure('/x/trtexec', exit(0, '', '&&&& RUNNING TensorRT.trtexec [TensorRT v8510] # trtexec --help\n=== Options ===\n  --onnx\n'))).toBeNull();
});
