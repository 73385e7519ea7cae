// Bundles src/ into dist/ with esbuild. Bundling is what keeps start-up fast: Node resolves and
// compiles one file per chunk instead of hundreds of small modules, and each command stays a
// separate chunk loaded only when it runs (code splitting on dynamic import()).
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Build beside dist/ and swap it in at the end, so a CLI running from dist/ meanwhile keeps working.
const staging = `${root}/dist.building-${process.pid}`;
rmSync(staging, { recursive: true, force: true });

// marked-terminal imports cli-highlight (all of highlight.js plus an HTML parser, ~150 ms to
// load) and node-emoji (a 200 KB table we never use, emoji are off). Swap both for small local
// modules with the same functions, so rendering a lesson stays quick to start.
const substitutes = { 'cli-highlight': 'src/ui/code-highlight.ts', 'node-emoji': 'src/ui/no-emoji.ts' };
const substitute = {
  name: 'substitute-heavy-dependencies',
  setup(b) {
    b.onResolve({ filter: /^(cli-highlight|node-emoji)$/ }, (args) => ({ path: `${root}/${substitutes[args.path]}` }));
  },
};

const result = await build({
  absWorkingDir: root,
  // The SQL and code workers are entries of their own: each runs in its own process
  // (src/io/sql-runner.ts, src/io/code-runner.ts).
  entryPoints: ['src/main.ts', 'src/sql-worker.ts', 'src/code-worker.ts'],
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // better-sqlite3's JavaScript is bundled (its dozen small files cost more to load one by one);
  // its compiled addon is loaded from node_modules at run time (src/io/progress-store.ts).
  external: ['*.node', '@lydell/node-pty'],
  plugins: [substitute],
  // CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  minifySyntax: true,
  minifyWhitespace: true,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version) },
  logLevel: 'warning',
});

// The bundle contains other projects' code: ship their licence texts beside it.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.add(match[1]);
}
const notices = [...packages].sort().map((name) => {
  const dir = `${root}/node_modules/${name}`;
  const { version, license } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const file = existsSync(dir) ? readdirSync(dir).find((entry) => /^(licen[cs]e|copying)/i.test(entry)) : undefined;
  const text = file ? readFileSync(`${dir}/${file}`, 'utf8').trim() : `License: ${license}`;
  return `${name}@${version} (${license})\n\n${text}\n`;
});
writeFileSync(`${staging}/THIRD-PARTY-LICENSES.txt`, `backend-intro bundles the following packages.\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}`);

rmSync(`${root}/dist`, { recursive: true, force: true });
renameSync(staging, `${root}/dist`);
