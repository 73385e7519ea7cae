// `backend-intro <n>`: open a lesson directly, the way an instructor assigns it.
import { findLesson } from '../core/catalog.js';
import { lessonStatus } from '../core/progress-model.js';
import { UsageError } from '../errors.js';
import { createContext, requireTerminal, type GlobalOptions } from './context.js';
import { revisitDoneLesson } from './revisit.js';
import { studyLesson } from './study.js';

export async function openLessonFromArgument(typed: string, options: GlobalOptions): Promise<void> {
  const ctx = await createContext(options);
  try {
    const isNumber = /^\d+$/.test(typed);
    if (!isNumber && !ctx.course.lessons.some((lesson) => lesson.id === typed)) {
      throw new UsageError(`"${typed}" is not a command or a lesson; run \`backend-intro --help\` for the commands or \`backend-intro list\` for the lessons.`);
    }
    const lesson = findLesson(ctx.course, typed);
    requireTerminal(ctx, `Reading lesson ${lesson.number}`, `backend-intro lesson ${lesson.number} --print`);
    // A lesson already done: ask whether to review it or redo its quiz or exercises.
    if (lessonStatus(lesson, ctx.progress().lesson(ctx.course.id, lesson.id)) === 'done') {
      await revisitDoneLesson(ctx, lesson, { leaveLabel: 'Quit' });
      return;
    }
    await studyLesson(ctx, lesson);
  } finally {
    ctx.close();
  }
}
