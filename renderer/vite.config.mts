import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// import.meta.dirname, not node:path: the linter keeps renderer/ free of Node imports, config included.
const root = import.meta.dirname;

/**
 * The renderer is served from app://doorway/ (Electron) and http://127.0.0.1 (preview) under a strict
 * CSP: no inline scripts or styles, no data: fonts. The build settings below keep Vite within it.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  publicDir: `${root}/public`,
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    // Inlined assets would be data: URLs, which font-src 'self' refuses.
    assetsInlineLimit: 0,
    // The polyfill is injected as an inline script; every supported Chromium has modulepreload.
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    sourcemap: false,
    target: 'chrome130',
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1' },
});
