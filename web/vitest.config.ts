import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    // Time formatting tests assert exact strings; pin the zone.
    env: { TZ: 'UTC' },
    // Vitest blanks CSS by default; theme.test.ts reads the colour tokens to check contrast.
    css: { include: [/theme\.css/] },
  },
});
