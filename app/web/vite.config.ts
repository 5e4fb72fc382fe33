// The web app. At run time it loads /sovra/deployment.json (deployments/<network>.json) and
// /sovra/metadata/<contract>.json (the built contracts' metadata): served by this plugin from
// the repository in `vite` and `vite preview` ($SOVRA_NETWORK, default local; $SOVRA_INK_DIR,
// default target/ink), or copied next to the built files for static hosting (scripts/app.sh).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connect } from 'vite';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = resolve(import.meta.dirname, '../..');
const network = process.env.SOVRA_NETWORK ?? 'local';
const inkDir = process.env.SOVRA_INK_DIR ?? resolve(root, 'target/ink');

function sovraFiles(): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = (req.url ?? '').split('?')[0]!;
    let file: string | undefined;
    if (url === '/sovra/deployment.json') file = resolve(root, 'deployments', `${network}.json`);
    const m = /^\/sovra\/metadata\/([a-z_]+)\.json$/.exec(url);
    if (m) file = resolve(inkDir, m[1]!, `${m[1]}.json`);
    if (!file) return next();
    if (!existsSync(file)) {
      res.statusCode = 404;
      res.end(`${file} does not exist: deploy the suite (scripts/deploy.sh) and build the contracts (scripts/build.sh)`);
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(readFileSync(file));
  };
}

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'sovra-deployment',
      configureServer: (server) => void server.middlewares.use(sovraFiles()),
      configurePreviewServer: (server) => void server.middlewares.use(sovraFiles()),
    },
  ],
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
