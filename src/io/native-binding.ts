import { createRequire } from 'node:module';

/**
 * better-sqlite3's compiled addon, located directly: its own lookup (the "bindings" package)
 * probes a dozen paths on every start. Undefined falls back to that lookup.
 */
export function nativeBinding(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}
