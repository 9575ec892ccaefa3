import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
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

const config: UserConfig = {
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
};

export default defineConfig(({ command, mode }) => {
  // `npm test` builds with NODE_ENV=test and `npm start` with NODE_ENV=development; Vite then
  // bundles React's development build (about 70 KB gzip more, over the learner budget). A
  // production build is a production build whatever the caller's NODE_ENV.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return config;
});
