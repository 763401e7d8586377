import { defineConfig } from '@playwright/test';

// Serves the release build (dist/) as static files, the way users host it.
const port = Number(process.env.E2E_PORT ?? 4173);
// A second server publishes dist/ under a sub-path, as on https://example.org/tools/jwt/.
export const subPathPort = port + 1;

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/artifacts',
  timeout: 60_000,
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e-results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1400, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ../../dist`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `rm -rf ../../test-results/subpath && mkdir -p ../../test-results/subpath/tools && ln -s ../../../dist ../../test-results/subpath/tools/jwt && python3 -m http.server ${subPathPort} --bind 127.0.0.1 --directory ../../test-results/subpath`,
      url: `http://127.0.0.1:${subPathPort}/tools/jwt/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
