import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** `EDGELAB_SERVE=http://127.0.0.1:8765 npx vite` develops the UI against a running `edgelab serve`. */
const lab = process.env.EDGELAB_SERVE;

/**
 * The UI is one static bundle: `edgelab serve` hands it out from dist/renderer/ and Electron loads
 * it from disk, so asset URLs are relative (`base: './'`) and nothing is fetched from elsewhere.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer/', import.meta.url)),
  base: './',
  plugins: [react()],
  server: lab ? { proxy: { '/api': { target: lab, changeOrigin: true }, '/reports': { target: lab, changeOrigin: true } } } : {},
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer/', import.meta.url)),
    emptyOutDir: true,
    // Vega is large; one chunk per route is not worth it for an app loaded from localhost or disk.
    chunkSizeWarningLimit: 2048,
  },
});
