import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA lives in client/ and is built into dist/client, which the express server serves.
// In `npm run dev`, Vite proxies the API, socket.io and the Yjs endpoint to the server on 8080.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
      '/socket.io': { target: 'ws://localhost:8080', ws: true },
      '/yjs': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
