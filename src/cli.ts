// The command-line interface: commands and options as data for commander. Each action imports
// its command module only when it runs, so `list` never pays for the Markdown renderer.
import { Command, Option } from 'commander';
import type { GlobalOptions } from './commands/context.js';
import { reportError } from './error-report.js';
import { ExitCode } from './errors.js';

declare const __VERSION__: string;

/** Runs a command line to the end; every error is reported on stderr. Returns the exit code. */
export async function runCli(argv: readonly string[]): Promise<ExitCode> {
  try {
    await buildProgram().parseAsync([...argv]);
    return ExitCode.ok;
  } catch (error) {
    return reportError(error);
  }
}

export function buildProgram(): Command {
  const program = new Command('backend-intro');
  program
    .description('Learn backend development in your terminal: short lessons, quizzes, and hands-on practice.')
    .version(typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev', '-v, --version', 'show the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--lessons-dir <dir>', 'use another lesson pack').env('BACKEND_INTRO_LESSONS'))
    .addOption(new Option('--data-dir <dir>', 'keep progress in this folder').env('BACKEND_INTRO_HOME'))
    .addOption(new Option('--workspace <dir>', 'where exercise files live (default ./backend-intro-work)').env('BACKEND_INTRO_WORKSPACE'))
    .option('--no-color', 'turn colour off (NO_COLOR does too)')
    .argument('[lesson]', 'open lesson <lesson> directly, as an instructor assigns it')
    .showHelpAfterError('(run `backend-intro --help` to see the commands)')
    .exitOverride()
    .action(async (lesson: string | undefined) => {
      if (lesson === undefined) {
        const { homeCommand } = await import('./commands/home.js');
        return homeCommand(globals(program));
      }
      const { openLessonFromArgument } = await import('./commands/open.js');
      return openLessonFromArgument(lesson, globals(program));
    })
    .addHelpText(
      'after',
      `
Examples:
  backend-intro                 the home menu: continue where you left off
  backend-intro 3               open lesson 3
  backend-intro lesson 2 --print | less -R
  backend-intro list --json

Progress is saved after every page and answer; Ctrl-C at any prompt keeps it.`,
    );

  program
    .command('list')
    .description('list the lessons with their status and best quiz score')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { listCommand } = await import('./commands/list.js');
      return listCommand({ ...globals(command), ...options });
    });

  program
    .command('lesson')
    .alias('start')
    .description('read a lesson page by page, with its quiz')
    .argument('<n>', 'lesson number (or id)')
    .option('--print', 'write the whole lesson to stdout and exit (no prompts)')
    .action(async (n: string, options: { print?: boolean }, command: Command) => {
      const { lessonCommand } = await import('./commands/lesson.js');
      return lessonCommand(n, { ...globals(command), ...options });
    });

  program
    .command('quiz')
    .description("take a lesson's quiz")
    .argument('<n>', 'lesson number (or id)')
    .action(async (n: string, _options: unknown, command: Command) => {
      const { quizCommand } = await import('./commands/quiz.js');
      return quizCommand(n, globals(command));
    });

  program
    .command('verify')
    .description('check an answer without prompts; exit 0 passed, 1 not yet')
    .argument('<id>', 'exercise id: 3.2 (lesson 3, exercise 2) or lesson-id/exercise-id')
    .argument('[file]', 'the answer file (default: the exercise\'s file in the workspace)')
    .option('--json', 'print one JSON object for scripts and graders')
    .option('--watch', 'check again every time the file is saved (Ctrl-C stops)')
    .action(async (id: string, file: string | undefined, options: { json?: boolean; watch?: boolean }, command: Command) => {
      const { verifyCommand } = await import('./commands/verify.js');
      return verifyCommand(id, file, { ...globals(command), ...options });
    });

  program
    .command('exercise')
    .description('do an exercise interactively: the sql> prompt, or your own file in your editor')
    .argument('<id>', 'exercise id: 3.2 (lesson 3, exercise 2) or lesson-id/exercise-id')
    .addHelpText(
      'after',
      `
SQL exercises open the sql> prompt: each statement you end with ; is checked
as it runs. .hint shows a hint, .solution the reference solution (after 3
tries), .help the other commands. Ctrl-C clears what you are typing; Ctrl-D
or .quit leaves.

http and js exercises write a starter file into your workspace (never over
your own work), offer to open it in $VISUAL or $EDITOR, and check it when you
choose "Check my answer" — or on every save with --watch. Passing is saved.

Needs a terminal; without one, check an answer file instead:
  backend-intro verify <id> [file]`,
    )
    .option('--watch', 'http and js exercises: check on every save instead of on Enter')
    .action(async (id: string, options: { watch?: boolean }, command: Command) => {
      const { exerciseCommand } = await import('./commands/exercise.js');
      return exerciseCommand(id, { ...globals(command), ...options });
    });

  program
    .command('sql')
    .description('an SQL playground on a fresh copy of a sample database')
    .option('--db <name>', 'the sample database (data/<name>.sql; default: shop)')
    .addHelpText(
      'after',
      `
Nothing you change is saved: every start is a fresh copy. End a statement
with ;  .tables and .schema show the tables, .reset starts again, .quit (or
Ctrl-D) leaves.

With input piped in, it runs each statement in order and prints the results
(errors on stderr); the exit code is 1 if any statement failed:
  backend-intro sql < queries.sql
  echo "SELECT count(*) FROM books;" | backend-intro sql`,
    )
    .action(async (options: { db?: string }, command: Command) => {
      const { sqlCommand } = await import('./commands/sql.js');
      return sqlCommand({ ...globals(command), ...options });
    });

  program
    .command('serve')
    .description('run your handler file on the mini server, to try it with curl or a browser')
    .argument('<file>', 'your handler file, e.g. backend-intro-work/servers-and-http/greet.mjs')
    .option('--port <n>', 'the port on 127.0.0.1 (default: 3000)')
    .option('--db <name>', 'the sample database your code gets as db (default: the exercise\'s, else shop)')
    .addHelpText(
      'after',
      `
The server listens on 127.0.0.1 only, logs each request, shows what your
code prints, and reloads when you save the file. Ctrl-C stops it.
  backend-intro serve backend-intro-work/servers-and-http/greet.mjs
  curl -i http://127.0.0.1:3000/greet/Ada`,
    )
    .action(async (file: string, options: { port?: string; db?: string }, command: Command) => {
      const { serveCommand } = await import('./commands/serve.js');
      return serveCommand(file, { ...globals(command), ...options });
    });

  program
    .command('hint')
    .description('show the next hint for an exercise')
    .argument('<id>', 'exercise id, e.g. 3.2')
    .action(async (id: string, _options: unknown, command: Command) => {
      const { hintCommand } = await import('./commands/hint.js');
      return hintCommand(id, globals(command));
    });

  program
    .command('progress')
    .description('show what is done, quiz scores and time spent; or move progress between machines')
    .option('--json', 'print JSON for scripts')
    .option('--export <file>', 'write the progress of every pack to a JSON file (- for stdout)')
    .option('--import <file>', 'merge a file written by --export into this machine\'s progress (- for stdin)')
    .addHelpText(
      'after',
      `
Moving to another machine (or a new data folder):
  backend-intro progress --export progress.json     on the old one
  backend-intro progress --import progress.json     on the new one

Import merges; it never loses anything: the best quiz score, every page read
and every passed exercise are kept, visit dates span both, and time spent is
the larger of the two. Importing the same file twice changes nothing. A file
that is not an export is refused and nothing is changed.`,
    )
    .action(async (options: { json?: boolean; export?: string; import?: string }, command: Command) => {
      const { progressCommand } = await import('./commands/progress.js');
      return progressCommand({ ...globals(command), ...options });
    });

  program
    .command('report')
    .description('a progress report to hand in: lessons, quiz scores, exercises, time and dates')
    .option('--json', 'print one JSON object')
    .option('--markdown', 'print a Markdown table to paste into an LMS or an email')
    .option('--name <name>', 'put your name on the report')
    .addHelpText(
      'after',
      `
Plain text by default. Exercises passed after a hint or the reference
solution was shown are listed as "with help".
  backend-intro report --name "Ada Lovelace"
  backend-intro report --markdown > report.md
  backend-intro --lessons-dir my-course report --json`,
    )
    .action(async (options: { json?: boolean; markdown?: boolean; name?: string }, command: Command) => {
      const { reportCommand } = await import('./commands/report.js');
      return reportCommand({ ...globals(command), ...options });
    });

  program
    .command('reset')
    .description('clear progress: all of it, or one lesson; asks first')
    .argument('[n]', 'only this lesson')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (n: string | undefined, options: { yes?: boolean }, command: Command) => {
      const { resetCommand } = await import('./commands/reset.js');
      return resetCommand(n, { ...globals(command), ...options });
    });

  program
    .command('validate')
    .description('check a lesson pack: format, ids, data files, and that every reference solution passes')
    .argument('[dir]', 'the pack folder (default: the pack in use, from --lessons-dir or BACKEND_INTRO_LESSONS, else the built-in one)')
    .option('--json', 'print { ok, problems: [{ file, line, message }] } for scripts')
    .addHelpText(
      'after',
      `
Every problem is one line, file:line: what is wrong — how to fix it. Each
exercise's reference solution runs through the same checks as a learner's
answer (on data/<db>.sql and on data/<db>.check.sql), and must pass; a
starter must not. Exit 0 when there are no problems, 1 when there are.
  backend-intro validate my-course
  backend-intro validate my-course --json`,
    )
    .action(async (dir: string | undefined, options: { json?: boolean }, command: Command) => {
      const { validateCommand } = await import('./commands/validate.js');
      return validateCommand(dir, { ...globals(command), ...options });
    });

  program
    .command('init')
    .description('start a new lesson pack with an example of every exercise type and a quiz')
    .argument('<dir>', 'a new or empty folder for the pack')
    .addHelpText(
      'after',
      `
Writes course.yaml, a sample database (data/shop.sql and data/shop.check.sql)
and a first lesson that explains the format, with an sql query, an sql change,
an http and a js exercise and a quiz. The pack passes validate as written.
  backend-intro init my-course
  backend-intro --lessons-dir my-course list
  backend-intro validate my-course`,
    )
    .action(async (dir: string) => {
      const { initCommand } = await import('./commands/init.js');
      return initCommand(dir);
    });

  return program;
}

function globals(command: Command): GlobalOptions {
  const options = command.optsWithGlobals() as { lessonsDir?: string; dataDir?: string; workspace?: string; color?: boolean };
  return {
    ...(options.lessonsDir === undefined ? {} : { lessonsDir: options.lessonsDir }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.workspace === undefined ? {} : { workspace: options.workspace }),
    color: options.color !== false,
  };
}
