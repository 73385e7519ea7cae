// `backend-intro quiz <n>`: take a lesson's quiz on its own.
import { findLesson } from '../core/catalog.js';
import { UsageError } from '../errors.js';
import { runQuiz } from '../ui/quiz-session.js';
import { createContext, requireTerminal, type GlobalOptions } from './context.js';

export async function quizCommand(typed: string, options: GlobalOptions): Promise<void> {
  const ctx = await createContext(options);
  try {
    const lesson = findLesson(ctx.course, typed);
    if (lesson.questions.length === 0) throw new UsageError(`Lesson ${lesson.number} has no quiz; try \`backend-intro list\` to see which lessons have one.`);
    requireTerminal(ctx, `The lesson ${lesson.number} quiz`, `backend-intro lesson ${lesson.number} --print`);
    await runQuiz(ctx, lesson);
  } finally {
    ctx.close();
  }
}
