import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** The web UI: built into ui/dist and served by `verity server` (src/server/ui-static.ts). */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  worker: { format: 'es' },
  server: {
    // `npx vite ui` during development: the API of a `verity server` on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
})
