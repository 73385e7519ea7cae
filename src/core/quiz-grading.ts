import type { QuizQuestion } from './model.js';

/** What a learner gave: a choice, several choices, or typed text. */
export type QuizAnswer = string | string[];

/** Free text compares after trimming, collapsing inner spaces and ignoring case. */
export function normalizeFreeText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function isCorrect(question: QuizQuestion, given: QuizAnswer): boolean {
  switch (question.kind) {
    case 'single':
      return typeof given === 'string' && given === question.answer;
    case 'multiple': {
      if (!Array.isArray(given)) return false;
      const chosen = new Set(given);
      return chosen.size === question.answer.length && question.answer.every((answer) => chosen.has(answer));
    }
    case 'text': {
      if (typeof given !== 'string') return false;
      const typed = normalizeFreeText(given);
      return [question.answer, ...question.accept].some((accepted) => normalizeFreeText(accepted) === typed);
    }
  }
}

/** The right answer as a learner should read it after a miss. */
export function describeAnswer(question: QuizQuestion): string {
  switch (question.kind) {
    case 'single':
    case 'text':
      return question.answer;
    case 'multiple':
      return question.answer.join('; ');
  }
}

export interface QuizScore {
  correct: number;
  total: number;
}

/** Score from the latest answer to each question; questions never answered count as wrong. */
export function scoreQuiz(questions: readonly QuizQuestion[], latestCorrect: ReadonlyMap<string, boolean>): QuizScore {
  return {
    correct: questions.filter((question) => latestCorrect.get(question.id) === true).length,
    total: questions.length,
  };
}
