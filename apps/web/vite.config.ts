import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { reportLearnerSize } from './scripts/report-size.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));
const api = 'http://127.0.0.1:3000';

/** Fails the build when the learner route's JavaScript grows past its gzip budget. */
function learnerSizeBudget(): Plugin {
  return {
    name: 'kindling:learner-size-budget',
    apply: 'build',
    closeBundle() {
      const { ok } = reportLearnerSize({ outDir });
      if (!ok) throw new Error('The learner route is over its 200 KB gzip budget (see the report above).');
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), learnerSizeBudget()],
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/admin': { target: api, changeOrigin: false },
    },
  },
});
