// `backend-intro sql [--db NAME]`: an SQL playground on a fresh copy of a sample database. In a
// terminal it is the sql> prompt; with input piped in it runs the statements and prints results.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CheckFailedError, UsageError } from '../errors.js';
import { takeSqlRunner } from '../io/sql-runner.js';
import { runSqlPrompt, runSqlScript } from '../ui/sql-prompt.js';
import { createContext, type GlobalOptions } from './context.js';

/** The pack's sample databases: data/<name>.sql, without the .check.sql twins, sorted. */
export function sampleDatabases(packDir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(path.join(packDir, 'data'));
  } catch {
    return [];
  }
  return files
    .filter((file) => file.endsWith('.sql') && !file.endsWith('.check.sql'))
    .map((file) => file.slice(0, -'.sql'.length))
    .sort();
}

/** The database asked for, or the default: "shop" when there is one, else the first by name. */
export function chooseDatabase(packDir: string, wanted: string | undefined): string {
  const databases = sampleDatabases(packDir);
  if (databases.length === 0) {
    throw new UsageError('This lesson pack has no sample databases (data/<name>.sql files), so there is nothing to play with.');
  }
  if (wanted === undefined) return databases.includes('shop') ? 'shop' : databases[0]!;
  if (databases.includes(wanted)) return wanted;
  const list = databases.length === 1 ? `the only one is ${databases[0]}` : `they are ${databases.join(', ')}`;
  throw new UsageError(`There is no sample database "${wanted}"; ${list}. Try \`backend-intro sql --db ${databases[0]}\`.`);
}

export async function sqlCommand(options: GlobalOptions & { db?: string }): Promise<void> {
  const runner = takeSqlRunner();
  const ctx = await createContext(options);
  try {
    const database = chooseDatabase(ctx.packDir, options.db);
    if (ctx.screen.interactive) {
      await runSqlPrompt(ctx, runner, { kind: 'playground', database });
      return;
    }
    const failed = await runSqlScript(ctx, runner, database, await readAll(process.stdin));
    if (failed > 0) throw new CheckFailedError(`${failed} statement${failed === 1 ? '' : 's'} failed.`);
  } finally {
    runner.close();
    ctx.close();
  }
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
