import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/** In `npm run dev`, `/api` goes to the local runtime (`npm start`) on its default port. */
export default defineConfig({
  plugins: [react()],
  // Workspace packages resolve to their TypeScript source (docs/packaging.md).
  resolve: { conditions: ['@switchboard/source', ...defaultClientConditions] },
  server: { proxy: { '/api': process.env.SWITCHBOARD_API ?? 'http://localhost:4000' } },
  build: { outDir: 'dist', sourcemap: true },
});
