import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // RSP_BUILD_DIR / RSP_KIT_DIR let several builds run side by side (parallel work on one machine).
    adapter: adapter({ out: process.env.RSP_BUILD_DIR ?? 'build', precompress: false }),
    outDir: process.env.RSP_KIT_DIR ?? '.svelte-kit',
    // Nothing is loaded from other origins: no CDN fonts, scripts or tiles (maps may add a configured basemap).
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self', 'blob:'],
        'frame-ancestors': ['none'],
        'form-action': ['self'],
        'base-uri': ['self'],
        'object-src': ['none']
      }
    }
  }
};

export default config;
