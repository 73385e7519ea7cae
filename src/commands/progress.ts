// `backend-intro progress [--json]`: what is done, scores, time spent. With --export or --import
// it moves progress between machines instead (src/commands/progress-transfer.ts). Plain and
// --json summaries usually come from the quick path (src/quick.ts); this runs when it cannot.
import { overview, type CourseOverview } from '../core/overview.js';
import { UsageError } from '../errors.js';
import { progressJson, progressText } from '../ui/overview-view.js';
import { createContext, type AppContext, type GlobalOptions } from './context.js';

export interface ProgressOptions extends GlobalOptions {
  json?: boolean;
  export?: string;
  import?: string;
}

export async function progressCommand(options: ProgressOptions): Promise<void> {
  if (options.export !== undefined && options.import !== undefined) {
    throw new UsageError('Use --export or --import, not both at once: export on the machine you leave, import on the one you go to.');
  }
  if (options.json && (options.export !== undefined || options.import !== undefined)) {
    throw new UsageError(`--json does not go with --${options.export !== undefined ? 'export' : 'import'}; the export file is JSON already.`);
  }
  if (options.export !== undefined || options.import !== undefined) {
    const { exportProgress, importProgress } = await import('./progress-transfer.js');
    if (options.export !== undefined) exportProgress(options.export, options);
    else importProgress(options.import!, options);
    return;
  }
  const ctx = await createContext(options);
  try {
    const summary = overview(ctx.course, ctx.progress().lessons(ctx.course.id));
    if (options.json) {
      ctx.out(progressJson(summary));
      return;
    }
    printProgress(ctx, summary);
  } finally {
    ctx.close();
  }
}

export function printProgress(ctx: AppContext, summary: CourseOverview): void {
  ctx.out(progressText(summary, ctx.screen, new Date()));
}
