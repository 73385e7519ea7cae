// The shape of a parsed lesson pack. Produced by the pure parsers in this folder; everything
// else (reader, quiz, progress, later the checkers) works on these values, never on raw files.

export interface Course {
  /** Stable id from course.yaml; progress is keyed by it so packs never mix. */
  id: string;
  title: string;
  description: string;
  /** Lessons sorted by number. */
  lessons: Lesson[];
}

export interface Lesson {
  id: string;
  /** Line of the `id:` field, for messages about clashing ids. */
  idLine: number;
  number: number;
  /** Line of the `number:` field when the front matter has one, for messages about clashing numbers. */
  numberLine?: number;
  title: string;
  summary: string;
  minutes?: number;
  /** Default sample database for the lesson's SQL exercises. */
  database?: string;
  /** Line of the `database:` field, for messages about a missing data file. */
  databaseLine?: number;
  /** Path of the lesson file as shown in messages (relative to the pack when possible). */
  file: string;
  pages: Page[];
  /** Every exercise of the lesson in document order; position N.M counts from 1. */
  exercises: Exercise[];
  /** Every quiz question of the lesson in document order, across all quiz blocks. */
  questions: QuizQuestion[];
}

export interface Page {
  title: string;
  /** 1-based line in the lesson file where the page starts. */
  line: number;
  blocks: PageBlock[];
}

export type PageBlock =
  | { kind: 'markdown'; text: string }
  | { kind: 'exercise'; exercise: Exercise }
  | { kind: 'quiz'; questions: QuizQuestion[] };

export type ExerciseType = 'sql' | 'http' | 'js';
export const exerciseTypes: readonly ExerciseType[] = ['sql', 'http', 'js'];

interface ExerciseBase {
  id: string;
  /** 1-based position in the lesson: exercise "3.2" is position 2 of lesson 3. */
  position: number;
  prompt: string;
  solution: string;
  hints: string[];
  explain?: string;
  /** 1-based line of the exercise block in the lesson file. */
  line: number;
}

export interface SqlExercise extends ExerciseBase {
  type: 'sql';
  database: string;
  /** 'matters': rows must come in the solution's order. */
  order: 'matters' | 'ignored';
  /** 'named': column names must match too. */
  columns: 'named' | 'any';
  /** Present for change exercises: queries whose results must match the solution's. */
  check?: string[];
  /** 'required': a change exercise whose statements must change the database inside BEGIN … COMMIT. */
  transaction?: 'required';
}

export interface HttpRequestSpec {
  method: string;
  path: string;
  headers: Record<string, string>;
  json?: unknown;
  body?: string;
  expect?: HttpExpectation;
}

export interface HttpExpectation {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
}

export interface HttpExercise extends ExerciseBase {
  type: 'http';
  starter?: string;
  /** Workspace file name; defaults to one derived from the lesson and exercise ids. */
  file?: string;
  database?: string;
  requests: HttpRequestSpec[];
  /** Response headers compared with the solution's (names are case-insensitive). */
  headers: string[];
}

export interface JsExercise extends ExerciseBase {
  type: 'js';
  starter?: string;
  file?: string;
  tests: string;
}

export type Exercise = SqlExercise | HttpExercise | JsExercise;

export type QuizQuestion =
  | (QuestionBase & { kind: 'single'; choices: string[]; answer: string })
  | (QuestionBase & { kind: 'multiple'; choices: string[]; answer: string[] })
  | (QuestionBase & { kind: 'text'; answer: string; accept: string[] });

interface QuestionBase {
  /** Explicit `id`, or q1, q2, … by position in the lesson. Progress is keyed by it. */
  id: string;
  ask: string;
  explain?: string;
  line: number;
}

/**
 * What the lesson table and the progress summary need from a lesson, and nothing else: small
 * enough to keep in its own cache file so that `list` and `progress` start without reading the
 * whole parsed pack. A full Lesson is one too.
 */
export interface LessonOutline {
  id: string;
  number: number;
  title: string;
  summary: string;
  minutes?: number;
  pages: readonly { title: string }[];
  exercises: readonly { id: string; type: ExerciseType }[];
  questions: readonly { id: string }[];
}

export interface CourseOutline {
  id: string;
  title: string;
  description: string;
  lessons: LessonOutline[];
}

/**
 * A lesson with its exercises in full: what checking an answer needs, kept in a cache file of
 * its own for each lesson, so that `verify` starts without reading the whole parsed pack, or
 * every lesson's exercises (src/quick-verify.ts).
 */
export type LessonExercises = Pick<Lesson, 'id' | 'number' | 'file' | 'exercises'>;
