// What every quick-path command starts from (src/quick.ts, src/quick-verify.ts): the screen,
// decided as the full commands decide it (src/commands/context.ts) but without building the
// standard streams' objects, and the folders the global options name.
import path from 'node:path';
import type { QuickGlobals } from './core/quick-command.js';
import { isTerminal } from './io/is-terminal.js';
import { resolveDataDir, resolveLessonsDir } from './io/paths.js';
import { applyColor, detectScreen, type Screen } from './ui/terminal.js';

export interface QuickSetting {
  screen: Screen;
  packDir: string;
  dataDir: string;
  cacheDir: string;
}

export function quickSetting(globals: QuickGlobals): QuickSetting {
  // Touching process.stdin or process.stdout builds a stream object (several milliseconds of
  // Node's stream modules); only a terminal's width needs one. Whether stdin is a terminal
  // decides only whether prompts can be shown, and the quick path shows none.
  const stdoutIsTTY = isTerminal(1);
  const screen = detectScreen({ colorFlag: globals.color, env: process.env, stdinIsTTY: false, stdoutIsTTY, columns: stdoutIsTTY ? process.stdout.columns : undefined });
  applyColor(screen);
  const dataDir = resolveDataDir(globals.dataDir);
  return { screen, packDir: resolveLessonsDir(globals.lessonsDir), dataDir, cacheDir: path.join(dataDir, 'cache') };
}
