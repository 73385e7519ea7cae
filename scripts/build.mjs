// Bundles src/ into dist/ with esbuild. Bundling is what keeps start-up fast: Node resolves and
// compiles one file per chunk instead of hundreds of small modules, and each command stays a
// separate chunk loaded only when it runs (code splitting on dynamic import()).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });

// marked-terminal highlights code through cli-highlight, which requires all of highlight.js
// (~190 languages, ~150 ms to load). Point that one import at a module that registers only the
// languages lessons use.
const slimHighlight = {
  name: 'slim-highlight',
  setup(b) {
    b.onResolve({ filter: /^highlight\.js$/ }, () => ({
      path: `${root}/src/ui/highlight-languages.ts`,
    }));
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
  // Native addons cannot be bundled; node-pty is only used by tests.
  external: ['better-sqlite3', '@lydell/node-pty'],
  plugins: [slimHighlight],
  // CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  minifySyntax: true,
  minifyWhitespace: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version) },
  logLevel: 'warning',
});
