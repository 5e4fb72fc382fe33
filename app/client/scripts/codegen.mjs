// Generates the typed contract APIs (src/generated/<contract>/) from each contract's metadata
// with dedot's generator. `--check` generates into a temporary directory and fails if the
// result differs from what is checked in: a metadata change must come with regenerated types.
// The metadata directory: $SOVRA_INK_DIR, else ../../target/ink (scripts/build.sh puts it there).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTRACTS = ['did_registry', 'credential_registry', 'token', 'nft', 'governor', 'vault'];
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const inkDir = process.env.SOVRA_INK_DIR ?? resolve(root, '../../target/ink');
const check = process.argv.includes('--check');
const committed = join(root, 'src/generated');
const out = check ? mkdtempSync(join(tmpdir(), 'sovra-codegen-')) : committed;
const dedot = join(root, 'node_modules/.bin/dedot');
const bin = existsSync(dedot) ? dedot : join(root, '../node_modules/.bin/dedot');

for (const name of CONTRACTS) {
  const metadata = join(inkDir, name, `${name}.json`);
  if (!existsSync(metadata)) throw new Error(`${metadata} is missing: run scripts/build.sh first`);
  execFileSync(bin, ['typink', '-m', metadata, '-o', out], { stdio: 'pipe' });
}

function files(dir, base = dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, base) : [p.slice(base.length + 1)];
  });
}

if (check) {
  const want = files(out).sort();
  const have = existsSync(committed) ? files(committed).sort() : [];
  const differ = [...new Set([...want, ...have])].filter(
    (f) => !want.includes(f) || !have.includes(f) || readFileSync(join(out, f), 'utf8') !== readFileSync(join(committed, f), 'utf8'),
  );
  rmSync(out, { recursive: true, force: true });
  if (differ.length) {
    console.error(`generated contract types are stale (${differ.join(', ')}): run npm run codegen -w @sovra/client and commit`);
    process.exit(1);
  }
  console.log(`generated contract types match the metadata of ${CONTRACTS.length} contracts`);
} else {
  console.log(`generated contract types for ${CONTRACTS.join(', ')} in src/generated`);
}
