// Bundles src/ into dist/ with esbuild. Bundling is what keeps start-up fast: Node resolves and
// compiles one file per chunk instead of hundreds of small modules, and each command stays a
// separate chunk loaded only when it runs (code splitting on dynamic import()).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });

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

await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
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
  legalComments: 'linked',
  define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version) },
  logLevel: 'warning',
});
