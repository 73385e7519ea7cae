import type { Course } from '../core/model.js';
import { UsageError } from '../errors.js';
import { readPack } from '../io/pack-reader.js';
import { resolveDataDir, resolveLessonsDir } from '../io/paths.js';
import { ProgressStore } from '../io/progress-store.js';
import { applyColor, detectScreen, type Screen } from '../ui/terminal.js';

/** Options every command accepts (see src/cli.ts). */
export interface GlobalOptions {
  lessonsDir?: string;
  dataDir?: string;
  color: boolean;
}

/** What a command works with: the pack, the screen, and (opened on first use) the progress store. */
export interface AppContext {
  course: Course;
  packDir: string;
  screen: Screen;
  progress(): ProgressStore;
  out(text?: string): void;
  warn(text: string): void;
  close(): void;
}

export function createContext(options: GlobalOptions): AppContext {
  const screen = detectScreen({
    colorFlag: options.color,
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns,
  });
  applyColor(screen);
  const packDir = resolveLessonsDir(options.lessonsDir);
  const course = readPack(packDir);
  const dataDir = resolveDataDir(options.dataDir);
  const warn = (text: string) => process.stderr.write(`${text}\n`);
  let store: ProgressStore | undefined;
  return {
    course,
    packDir,
    screen,
    progress: () => (store ??= ProgressStore.open(dataDir, { warn })),
    out: (text = '') => process.stdout.write(`${text}\n`),
    warn,
    close: () => store?.close(),
  };
}

/**
 * Interactive commands need a terminal to ask questions in. Without one, say so and name the
 * command that works without prompts.
 */
export function requireTerminal(ctx: AppContext, what: string, alternative: string): void {
  if (!ctx.screen.interactive) {
    throw new UsageError(`${what} needs an interactive terminal; without one, use \`${alternative}\`.`);
  }
}
