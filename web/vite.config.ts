import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const apiTarget = process.env.PCSP_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@pcsp/contract': fileURLToPath(new URL('../api/src/contract', import.meta.url)),
      '@pcsp/analytics': fileURLToPath(new URL('../analytics/src', import.meta.url)),
      '@nhsuk-images': fileURLToPath(new URL('../node_modules/nhsuk-frontend/dist/nhsuk/assets/images', import.meta.url)),
    },
  },
  css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['import'] } } },
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, manifest: true, chunkSizeWarningLimit: 400 },
});
