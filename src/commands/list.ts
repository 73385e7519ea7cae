// `backend-intro list [--json]`: the lessons with number, title, status and score. Usually
// answered by the quick path (src/quick.ts) from the cached outline; this runs when it cannot.
import { overview } from '../core/overview.js';
import { lessonListJson, lessonListText } from '../ui/overview-view.js';
import { createContext, type GlobalOptions } from './context.js';

export async function listCommand(options: GlobalOptions & { json?: boolean }): Promise<void> {
  const ctx = await createContext(options);
  try {
    const summary = overview(ctx.course, ctx.progress().lessons(ctx.course.id));
    ctx.out(options.json ? lessonListJson(summary) : lessonListText(summary, ctx.screen));
  } finally {
    ctx.close();
  }
}
