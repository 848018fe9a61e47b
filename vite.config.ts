import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The UI is one static bundle: `edgelab serve` hands it out from dist/renderer/ and Electron loads
 * it from disk, so asset URLs are relative (`base: './'`) and nothing is fetched from elsewhere.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer/', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer/', import.meta.url)),
    emptyOutDir: true,
    // Vega is large; one chunk per route is not worth it for an app loaded from localhost or disk.
    chunkSizeWarningLimit: 2048,
  },
});
