// Loaded with `node --import` (through NODE_OPTIONS) to make onnxruntime-node unloadable in that
// process, as on a machine where its native library cannot load (a Jetson's JetPack with another
// glibc, a musl container): any import of the package throws.
import { register } from 'node:module';

register(`data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'onnxruntime-node' || specifier.startsWith('onnxruntime-node/')) {
    throw new Error('onnxruntime-node cannot be loaded in this process (imported from ' + context.parentURL + ')');
  }
  return next(specifier, context);
}`)}`);
