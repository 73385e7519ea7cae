import type { Course } from '../core/model.js';
import { UsageError } from '../errors.js';
import { loadPack } from '../io/pack-cache.js';
import path from 'node:path';
import { resolveDataDir, resolveLessonsDir, resolveWorkspace } from '../io/paths.js';
import { ProgressStore } from '../io/progress-store.js';
import { applyColor, detectScreen, type Screen } from '../ui/terminal.js';

/** Options every command accepts (see src/cli.ts). */
export interface GlobalOptions {
  lessonsDir?: string;
  dataDir?: string;
  workspace?: string;
  color: boolean;
}

/** What a command works with: the pack, the screen, and (opened on first use) the progress store. */
export interface AppContext {
  course: Course;
  packDir: string;
  /** Identifies this state of the pack's files (for caches); undefined when they could not be listed. */
  packFingerprint: string | undefined;
  screen: Screen;
  /** Where progress is kept (and spare workers wait: src/io/spare-workers.ts). */
  dataDir: string;
  /** Where derived, disposable files go (parsed packs, rendered lessons). */
  cacheDir: string;
  /** Where the learner's exercise files live. */
  workspace: string;
  progress(): ProgressStore;
  out(text?: string): void;
  warn(text: string): void;
  close(): void;
}

export async function createContext(options: GlobalOptions): Promise<AppContext> {
  const screen = detectScreen({
    colorFlag: options.color,
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns,
  });
  applyColor(screen);
  const packDir = resolveLessonsDir(options.lessonsDir);
  const dataDir = resolveDataDir(options.dataDir);
  const cacheDir = path.join(dataDir, 'cache');
  const { course, fingerprint } = await loadPack(packDir, cacheDir);
  const warn = (text: string) => process.stderr.write(`${text}\n`);
  let store: ProgressStore | undefined;
  return {
    course,
    packDir,
    packFingerprint: fingerprint,
    screen,
    dataDir,
    cacheDir,
    workspace: resolveWorkspace(options.workspace),
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
