import envPaths from 'env-paths';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where progress lives: --data-dir, then BACKEND_INTRO_HOME, then the platform's data folder. */
export function resolveDataDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? nonEmpty(env.BACKEND_INTRO_HOME);
  return chosen ? path.resolve(chosen) : envPaths('backend-intro', { suffix: '' }).data;
}

/** Which lesson pack: --lessons-dir, then BACKEND_INTRO_LESSONS, then the built-in course. */
export function resolveLessonsDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? nonEmpty(env.BACKEND_INTRO_LESSONS);
  return chosen ? path.resolve(chosen) : builtInLessonsDir();
}

/** The built-in pack ships beside dist/ (or beside src/ when tests run the sources). */
export function builtInLessonsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, '..', 'lessons'), path.join(here, '..', '..', 'lessons')]) {
    if (existsSync(path.join(candidate, 'course.yaml'))) return candidate;
  }
  return path.join(here, '..', 'lessons');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A path as messages show it: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Where code exercises' files live: --workspace, then BACKEND_INTRO_WORKSPACE, then ./backend-intro-work. */
export function resolveWorkspace(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(option ?? nonEmpty(env.BACKEND_INTRO_WORKSPACE) ?? 'backend-intro-work');
}

/** The learner's file for an exercise: <workspace>/<lesson-id>/<exercise-id>.sql (or .js, or its `file`). */
export function exerciseFile(workspace: string, lessonId: string, exercise: { id: string; type: string; file?: string }): string {
  // .mjs: an ES module wherever it sits, whatever package.json files are above it.
  const name = exercise.file ?? `${exercise.id}.${exercise.type === 'sql' ? 'sql' : 'mjs'}`;
  return path.join(workspace, lessonId, name);
}

/**
 * The environment for the tutorial's worker processes: the tutorial's own, without
 * NODE_EXTRA_CA_CERTS. Node reads that certificate file at every start-up (over 100 ms for a
 * full system bundle), and the workers never open TLS connections to places that need it.
 */
export function workerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _unused, ...rest } = env;
  return rest;
}
