// vitest globalSetup: builds dist/ once, in the main process, before any test file runs, so that
// every end-to-end test drives the CLI built from the sources under test.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './pty-helpers.js';

export default function setup(): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node scripts/build.mjs failed (${result.status}):\n${result.stderr}${result.stdout}`);
}
