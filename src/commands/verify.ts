// `backend-intro verify <id> [file] [--json] [--watch]`: check an answer without prompts (for
// learners, scripts and graders). Exit 0 passed, 1 not yet, 2 usage error. The plain form is
// usually answered by the quick path (src/quick-verify.ts); this runs when it cannot.
import path from 'node:path';
import { findExercise } from '../core/catalog.js';
import { UsageError } from '../errors.js';
import { exerciseFile } from '../io/paths.js';
import { createContext, type GlobalOptions } from './context.js';
import { requireAnswerFile, verifyAnswer } from './verify-answer.js';

export interface VerifyOptions extends GlobalOptions {
  json?: boolean;
  watch?: boolean;
}

export async function verifyCommand(id: string, file: string | undefined, options: VerifyOptions): Promise<void> {
  const ctx = await createContext(options);
  try {
    const ref = findExercise(ctx.course, id);
    const answerFile = file === undefined ? exerciseFile(ctx.workspace, ref.lesson.id, ref.exercise) : path.resolve(file);
    if (options.watch) {
      if (options.json) throw new UsageError('--watch and --json do not go together: --watch keeps checking for a person to read. Use one of them.');
      const { watchAndVerify } = await import('../ui/watch-verify.js');
      await watchAndVerify(ctx, ref, answerFile);
      return;
    }
    requireAnswerFile(answerFile, ref, file === undefined);
    await verifyAnswer({ packId: ctx.course.id, packDir: ctx.packDir, dataDir: ctx.dataDir, columns: ctx.screen.columns, progress: ctx.progress, out: ctx.out }, ref, answerFile, options.json === true);
  } finally {
    ctx.close();
  }
}
