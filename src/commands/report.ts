// `backend-intro report [--json | --markdown] [--name <name>]`: the progress report a learner
// hands in, for the current pack. The shape is src/core/report-model.ts; the layouts are
// src/ui/report-view.ts.
import { buildReport } from '../core/report-model.js';
import { UsageError } from '../errors.js';
import { renderReportMarkdown, renderReportText } from '../ui/report-view.js';
import { createContext, type GlobalOptions } from './context.js';

export interface ReportOptions extends GlobalOptions {
  json?: boolean;
  markdown?: boolean;
  name?: string;
}

export async function reportCommand(options: ReportOptions): Promise<void> {
  if (options.json && options.markdown) {
    throw new UsageError('Choose one format: --json or --markdown (or neither, for plain text).');
  }
  if (options.name !== undefined && options.name.trim() === '') {
    throw new UsageError('--name needs a name, for example --name "Ada Lovelace".');
  }
  const ctx = await createContext(options);
  try {
    const report = buildReport(ctx.course, ctx.progress().lessons(ctx.course.id), new Date(), options.name);
    if (options.json) ctx.out(JSON.stringify(report, null, 2));
    else if (options.markdown) ctx.out(renderReportMarkdown(report));
    else ctx.out(renderReportText(report, ctx.screen.columns));
  } finally {
    ctx.close();
  }
}
