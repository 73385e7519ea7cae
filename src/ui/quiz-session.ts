// Asks a lesson's quiz questions, saves each answer as it is given, and reports the score.
import chalk from 'chalk';
import type { Lesson, QuizQuestion } from '../core/model.js';
import { describeAnswer, isCorrect, scoreQuiz, type QuizAnswer, type QuizScore } from '../core/quiz-grading.js';
import type { AppContext } from '../commands/context.js';
import { askText, chooseMany, chooseOne, confirm } from './prompts.js';
import { wrapText } from './format.js';
import { neutralize } from './terminal.js';

export interface QuizOutcome {
  score: QuizScore;
  best: QuizScore;
}

/**
 * Runs a quiz over `questions` (a lesson's whole quiz by default). An attempt left open by
 * Ctrl-C is resumed: questions already answered in it are not asked again. Returns undefined
 * when the lesson has no questions.
 */
export async function runQuiz(ctx: AppContext, lesson: Lesson, questions: QuizQuestion[] = lesson.questions): Promise<QuizOutcome | undefined> {
  if (questions.length === 0) return undefined;
  const store = ctx.progress();
  const packId = ctx.course.id;
  const { attempt, resumed } = store.beginQuiz(packId, lesson.id);
  const before = store.lesson(packId, lesson.id);
  const answeredNow = (question: QuizQuestion) => before?.answers.get(question.id)?.attempt === attempt;
  const pending = resumed ? questions.filter((question) => !answeredNow(question)) : questions;

  ctx.out(chalk.bold(`Quiz · lesson ${lesson.number} · ${questions.length} question${questions.length === 1 ? '' : 's'}`));
  if (resumed && pending.length < questions.length) {
    ctx.out(chalk.dim(`Picking up where you stopped: ${questions.length - pending.length} of ${questions.length} already answered.`));
  }
  const startedAt = Date.now();
  let asked = 0;
  try {
    for (const question of pending) {
      asked += 1;
      await askAndRecord(ctx, lesson, question, attempt, questions.indexOf(question) + 1, questions.length);
    }
    let outcome = finish(ctx, lesson);
    while (outcome && outcome.missed.length > 0) {
      const missed = outcome.missed.filter((question) => questions.includes(question));
      if (missed.length === 0) break;
      const again = await confirm(`Try the ${missed.length === 1 ? 'question' : `${missed.length} questions`} you missed again?`, true);
      if (!again) break;
      // A retry belongs to the same attempt: it completes it again with better answers.
      for (const question of missed) {
        asked += 1;
        await askAndRecord(ctx, lesson, question, attempt, questions.indexOf(question) + 1, questions.length);
      }
      outcome = finish(ctx, lesson);
    }
    return outcome && { score: outcome.score, best: outcome.best };
  } finally {
    if (asked > 0) store.addTime(packId, lesson.id, Math.min(Date.now() - startedAt, 30 * 60_000));
  }
}

async function askAndRecord(ctx: AppContext, lesson: Lesson, question: QuizQuestion, attempt: number, number: number, total: number): Promise<void> {
  ctx.out();
  ctx.out(chalk.cyan(`Question ${number} of ${total}`));
  const ask = neutralize(question.ask.trim());
  let given: QuizAnswer;
  const choices = (list: string[]) => list.map((choice) => ({ name: neutralize(choice), value: choice }));
  switch (question.kind) {
    case 'single':
      given = await chooseOne(ask, choices(question.choices));
      break;
    case 'multiple':
      given = await chooseMany(ask, choices(question.choices));
      break;
    case 'text':
      given = await askText(ask);
      break;
  }
  const correct = isCorrect(question, given);
  ctx.progress().recordAnswer(ctx.course.id, lesson.id, question.id, attempt, given, correct);
  const verdict = correct ? chalk.green.bold('Right!') : `${chalk.red.bold('Not quite.')} The answer: ${chalk.bold(neutralize(describeAnswer(question)))}`;
  ctx.out(wrapText(verdict, ctx.screen.columns));
  if (question.explain) ctx.out(wrapText(neutralize(question.explain.trim()), ctx.screen.columns));
}

interface Finished {
  score: QuizScore;
  best: QuizScore;
  missed: QuizQuestion[];
}

/**
 * Scores the lesson from each question's latest answer. The attempt is closed (and the best
 * score kept) only once every question of the lesson has an answer in this attempt.
 */
function finish(ctx: AppContext, lesson: Lesson): Finished | undefined {
  const store = ctx.progress();
  const record = store.lesson(ctx.course.id, lesson.id);
  const attempt = record?.quiz?.attempt;
  const answers = record?.answers ?? new Map();
  const complete = lesson.questions.every((question) => answers.get(question.id)?.attempt === attempt);
  if (!complete) return undefined;
  const latest = new Map([...answers].map(([id, answer]) => [id, answer.correct]));
  const score = scoreQuiz(lesson.questions, latest);
  const quiz = store.finishQuiz(ctx.course.id, lesson.id, score);
  const best = { correct: quiz.bestCorrect, total: quiz.bestTotal };
  ctx.out();
  const perfect = score.correct === score.total;
  const showBest = best.correct !== score.correct || best.total !== score.total;
  ctx.out(chalk.bold(`Score: ${score.correct} of ${score.total}`) + (perfect ? chalk.green(' — all right!') : '') + (showBest ? chalk.dim(`  (best: ${best.correct} of ${best.total})`) : ''));
  return { score, best, missed: lesson.questions.filter((question) => latest.get(question.id) !== true) };
}
