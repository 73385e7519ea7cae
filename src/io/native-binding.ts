import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const addon = path.join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/**
 * better-sqlite3's compiled addon, located directly: its own lookup (the "bindings" package)
 * probes a dozen paths on every start. The two places npm puts it beside the bundle are looked
 * at first (a module resolution walks package.json files: 1–2 ms in every process that opens a
 * database); undefined falls back to better-sqlite3's lookup.
 */
export function nativeBinding(): string | undefined {
  const packageRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  const own = path.join(packageRoot, 'node_modules', addon);
  if (existsSync(own)) return own;
  // Installed as a dependency (npx, npm install): better-sqlite3 is usually hoisted beside it.
  const parent = path.dirname(packageRoot);
  if (path.basename(parent) === 'node_modules' && existsSync(path.join(parent, addon))) return path.join(parent, addon);
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}
