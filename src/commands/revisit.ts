// Opening a lesson that is already done (`backend-intro 3`, or picking it in the home menu):
// rather than silently paging through it again, ask what the learner came back for — to
// review it, to redo its quiz, or to redo one of its exercises.
import chalk from 'chalk';
import { exerciseNumber } from '../core/catalog.js';
import type { Exercise, Lesson } from '../core/model.js';
import { checkableExercises } from '../core/progress-model.js';
import { cutToWidth } from '../ui/format.js';
import { chooseOne, type Choice } from '../ui/prompts.js';
import { runQuiz } from '../ui/quiz-session.js';
import { runExercise } from '../ui/run-exercise.js';
import { neutralize } from '../ui/terminal.js';
import type { AppContext } from './context.js';
import { studyLesson } from './study.js';

type RevisitChoice = 'review' | 'quiz' | 'exercises' | 'leave';

/**
 * Offers review / redo the quiz / redo an exercise / leave for a lesson that is done, until the
 * learner leaves. Reviewing reads the lesson from page 1 (and may go on to the next lesson),
 * after which there is nothing left to offer here.
 */
export async function revisitDoneLesson(ctx: AppContext, lesson: Lesson, { leaveLabel }: { leaveLabel: string }): Promise<void> {
  const exercises = checkableExercises(lesson);
  ctx.out();
  ctx.out(chalk.green(`You have done lesson ${lesson.number} · ${neutralize(lesson.title)}.`));
  for (;;) {
    const best = ctx.progress().lesson(ctx.course.id, lesson.id)?.quiz;
    const choices: Choice<RevisitChoice>[] = [{ name: 'Review it (read again from page 1)', value: 'review' }];
    if (lesson.questions.length > 0) {
      const score = best && best.finished > 0 ? ` (your best: ${best.bestCorrect}/${best.bestTotal})` : '';
      choices.push({ name: `Redo the quiz${score}`, value: 'quiz' });
    }
    if (exercises.length > 0) choices.push({ name: exercises.length === 1 ? 'Redo the exercise' : 'Redo the exercises (pick one)', value: 'exercises' });
    choices.push({ name: leaveLabel, value: 'leave' });
    const choice = await chooseOne<RevisitChoice>('What would you like to do?', choices);
    if (choice === 'leave') return;
    if (choice === 'review') {
      await studyLesson(ctx, lesson);
      return;
    }
    ctx.out();
    if (choice === 'quiz') await runQuiz(ctx, lesson);
    else await redoExercises(ctx, lesson, exercises);
    ctx.out();
  }
}

/** Lets the learner pick exercises of the lesson one after another; a pass is kept either way. */
async function redoExercises(ctx: AppContext, lesson: Lesson, exercises: Exercise[]): Promise<void> {
  if (exercises.length === 1) {
    ctx.out();
    await runExercise(ctx, lesson, exercises[0]!, { returnTo: `lesson ${lesson.number}` });
    return;
  }
  for (;;) {
    const picked = await pickExercise(ctx, lesson, exercises);
    if (!picked) return;
    ctx.out();
    await runExercise(ctx, lesson, picked, { returnTo: `lesson ${lesson.number}` });
    ctx.out();
  }
}

async function pickExercise(ctx: AppContext, lesson: Lesson, exercises: Exercise[]): Promise<Exercise | undefined> {
  const records = ctx.progress().lesson(ctx.course.id, lesson.id)?.exercises;
  const width = Math.max(20, ctx.screen.columns - 6);
  const picked = await chooseOne<string>('Which exercise?', [
    ...exercises.map((exercise) => {
      const label = `${exerciseNumber({ lesson, exercise })} · ${firstLine(exercise.prompt)}`;
      const passed = records?.get(exercise.id)?.passedAt !== undefined;
      return { name: cutToWidth(neutralize(label), width - 9) + (passed ? chalk.green('  passed') : ''), value: exercise.id, short: exerciseNumber({ lesson, exercise }) };
    }),
    { name: 'Back', value: '' },
  ]);
  return exercises.find((exercise) => exercise.id === picked);
}

/** The prompt's first line of text, without Markdown emphasis marks: a short name for a menu. */
function firstLine(markdown: string): string {
  const line = markdown.split('\n').find((text) => text.trim() !== '') ?? '';
  return line.replace(/[*_`]/g, '').trim();
}
