// Every code snippet in the README and the docs runs, as written:
// - `ts` blocks: against the local node's recorded deployment (deployments/local.json, after the
//   demo) — only with SOVRA_NODE_URL (scripts/app-test.sh browser);
// - `python` blocks: with python3;
// - `rust` blocks: each is the body of tests/tests/readme.rs between its markers, verbatim
//   (scripts/test.sh runs that test on the recorded deployment).
// Fences without a language or marked `text` are not code (layouts, diagrams, grammars, output);
// `sh` blocks are commands the scripts themselves run. Any other language fails: a snippet in a
// language nobody runs is a snippet nobody checks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './metadata.js';

interface Snippet {
  file: string;
  line: number;
  lang: string;
  code: string;
}

function markdown(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (['node_modules', 'target', '.git', 'dist'].includes(f)) return [];
    return statSync(p).isDirectory() ? markdown(p) : f.endsWith('.md') ? [p] : [];
  });
}

function snippets(): Snippet[] {
  const out: Snippet[] = [];
  for (const file of markdown(ROOT)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    let open: { lang: string; line: number; body: string[] } | undefined;
    lines.forEach((l, i) => {
      const fence = /^```\s*([A-Za-z0-9_-]*)\s*$/.exec(l);
      if (fence && !open) open = { lang: fence[1]!, line: i + 1, body: [] };
      else if (fence && open) {
        out.push({ file: relative(ROOT, file), line: open.line, lang: open.lang, code: open.body.join('\n') });
        open = undefined;
      } else if (open) open.body.push(l);
    });
  }
  return out;
}

const all = snippets();
const RUN = ['ts', 'python', 'rust'];
const NOT_CODE = ['', 'text', 'sh'];

describe('the docs’ code snippets', () => {
  it('are all in a language that is run', () => {
    const unrun = all.filter((s) => !RUN.includes(s.lang) && !NOT_CODE.includes(s.lang)).map((s) => `${s.file}:${s.line} (${s.lang})`);
    expect(unrun).toEqual([]);
    expect(all.filter((s) => s.lang === 'ts').length).toBeGreaterThanOrEqual(2);
  });

  it('Python runs', () => {
    for (const s of all.filter((x) => x.lang === 'python')) {
      execFileSync('python3', ['-c', s.code], { stdio: 'pipe' });
    }
  });

  it('Rust is what tests/tests/readme.rs runs, verbatim', () => {
    const test = readFileSync(resolve(ROOT, 'tests/tests/readme.rs'), 'utf8');
    const body = /\/\/ README:begin\n([\s\S]*?)\n\s*\/\/ README:end/.exec(test)![1]!
      .split('\n')
      .map((l) => l.replace(/^ {4}/, ''))
      .join('\n');
    const rust = all.filter((s) => s.lang === 'rust');
    expect(rust.length).toBe(1);
    expect(rust[0]!.code).toBe(body);
  });
});

describe.skipIf(!process.env.SOVRA_NODE_URL)('TypeScript snippets on the local node', () => {
  const dir = resolve(ROOT, 'app/client/test/.snippets');
  for (const s of all.filter((x) => x.lang === 'ts')) {
    it(`${s.file}:${s.line}`, async () => {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${s.file.replace(/[^A-Za-z0-9]/g, '_')}_${s.line}.ts`);
      writeFileSync(path, `${s.code}\n`);
      const cwd = process.cwd();
      process.chdir(ROOT); // snippets name files from the repository's root, as a reader runs them
      try {
        await import(path);
      } finally {
        process.chdir(cwd);
      }
    });
  }
});
