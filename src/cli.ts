// The command-line interface: commands and options as data for commander. Each action imports
// its command module only when it runs, so `list` never pays for the Markdown renderer.
import { Command, Option } from 'commander';
import type { GlobalOptions } from './commands/context.js';

declare const __VERSION__: string;

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
    .description('show what is done, quiz scores and time spent')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { progressCommand } = await import('./commands/progress.js');
      return progressCommand({ ...globals(command), ...options });
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
