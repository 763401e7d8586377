import { defineConfig } from '@playwright/test';

// Serves the release build (dist/) as static files, the way users host it: a static file server
// (sirv, as scripts/serve uses) sending the `.br`/`.gz` files that scripts/post-build.mjs writes
// beside each file, with Content-Encoding, Vary: Accept-Encoding and the original's Content-Type.
// Without --dev, as in production: the file list is read once at start, no Cache-Control header.
const port = Number(process.env.E2E_PORT ?? 4173);
// A second server publishes dist/ under a sub-path, as on https://example.org/tools/jwt/.
export const subPathPort = port + 1;
// The self-hosting kit (deploy/): Debian's nginx and Caddy with deploy/nginx/jwt-lens.conf and
// deploy/caddy/Caddyfile, each publishing dist/ under a sub-path (tests/e2e/selfhost.spec.ts).
export const selfHosted = {
  nginx: { port: port + 2, path: '/security/tools/jwt/' },
  caddy: { port: port + 3, path: '/internal/tools/jwt-lens/' },
};
// sirv-cli takes HOST and PORT from the environment over its flags, so both are set. (Run from
// this folder, as Playwright runs webServer commands.)
const sirv = (dir: string, onPort: number) =>
  `HOST=127.0.0.1 PORT=${onPort} node ../../node_modules/sirv-cli/bin.js ${dir} --brotli --gzip --host 127.0.0.1 --port ${onPort} --quiet`;

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
      command: sirv('../../dist', port),
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `rm -rf ../../test-results/subpath && mkdir -p ../../test-results/subpath/tools && ln -s ../../../dist ../../test-results/subpath/tools/jwt && ${sirv('../../test-results/subpath', subPathPort)}`,
      url: `http://127.0.0.1:${subPathPort}/tools/jwt/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    // Each installs its server with apt-get when it is missing (scripts/setup --browser does first).
    ...Object.entries(selfHosted).map(([server, { port: onPort, path }]) => ({
      command: `../../deploy/try-${server} ../../dist ${onPort} ${path}`,
      url: `http://127.0.0.1:${onPort}${path}`,
      reuseExistingServer: false,
      timeout: 180_000,
    })),
  ],
});
