// Whether a standard stream is a terminal, without paying for node:tty when it cannot be one.
// Loading node:tty loads node:net beneath it (about 4 ms, more than `list` does otherwise), and
// only a character device can be a terminal: a pipe or a file is answered by one fstat.
import { fstatSync } from 'node:fs';
import { createRequire } from 'node:module';

export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false; // closed
  }
  // /dev/null is a character device too: ask the real question.
  const tty = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return tty.isatty(fd);
}

/** The part of node:tty that chalk uses, for the bundles (see scripts/build.mjs). */
export default { isatty: isTerminal };
