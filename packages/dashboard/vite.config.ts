import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** In `npm run dev`, `/api` goes to the local runtime (`npm start`) on its default port. */
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': process.env.SWITCHBOARD_API ?? 'http://localhost:4000' } },
  build: { outDir: 'dist', sourcemap: true },
});
