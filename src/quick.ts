// The quick path (built on its own as dist/quick.cjs): answers `list`, `progress`
// and `lesson <n> --print` from what earlier runs left in the cache — the pack's outline, the
// printed lesson — and a read-only look at the progress file, without the command-line
// library, the lesson parser or Node's ES-module loader. It prints exactly what the full
// commands print (the same view functions make the text), and whenever anything is missing,
// stale or unusual it answers nothing, so the full command runs and does the work, the
// caching, and any explaining.
import { findLesson } from './core/catalog.js';
import { overview } from './core/overview.js';
import type { QuickCommand } from './core/quick-command.js';
import { readCacheFile } from './io/cache-files.js';
import { readDerived } from './io/pack-derived-caches.js';
import { ProgressStore } from './io/progress-store.js';
import { printedLessonInputs, renderCacheFile } from './io/render-cache.js';
import { quickSetting } from './quick-setting.js';
import { lessonListJson, lessonListText, progressJson, progressText } from './ui/overview-view.js';

/** The whole output of the command (without the final newline), or undefined to run the full one. */
export function answerQuickly(command: Exclude<QuickCommand, { name: 'version' }>): string | undefined {
  try {
    const { screen, packDir, dataDir, cacheDir } = quickSetting(command.globals);
    const cached = readDerived(packDir, cacheDir, 'outline');
    if (cached === undefined) return undefined;
    const { value: outline, fingerprint } = cached;

    if (command.name === 'lesson --print') {
      const lesson = findLesson(outline, command.lesson);
      return readCacheFile(renderCacheFile(cacheDir, printedLessonInputs(fingerprint, lesson.id, screen)));
    }

    const store = ProgressStore.openForReading(dataDir);
    if (store === undefined) return undefined;
    try {
      const summary = overview(outline, store.lessons(outline.id));
      if (command.name === 'list') return command.json ? lessonListJson(summary) : lessonListText(summary, screen);
      return command.json ? progressJson(summary) : progressText(summary, screen, new Date());
    } finally {
      store.close();
    }
  } catch {
    // An unknown lesson, a busy or damaged file: the full command says what is wrong.
    return undefined;
  }
}
