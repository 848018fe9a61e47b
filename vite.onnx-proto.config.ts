import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Bundles core/model/onnx-proto.ts with @bufbuild/protobuf and onnx-buf into one ES module over the
 * file tsc wrote (dist/core/model/onnx-proto.js), so `edgelab inspect` loads one module, not ~70.
 * Same code, same exports; only how many files Node resolves and reads at start changes.
 */
export default defineConfig({
  logLevel: 'warn',
  build: {
    lib: { entry: fileURLToPath(new URL('./core/model/onnx-proto.ts', import.meta.url)), formats: ['es'], fileName: () => 'onnx-proto.js' },
    outDir: fileURLToPath(new URL('./dist/core/model/', import.meta.url)),
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
  },
});
