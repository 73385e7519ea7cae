// `backend-intro init <dir>`: writes a new lesson pack (src/core/starter-pack.ts) into a new or
// empty folder and says what to do next. Never writes into a folder that already has files.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { starterPackFiles } from '../core/starter-pack.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../io/paths.js';
import { neutralize } from '../ui/terminal.js';

export async function initCommand(dir: string): Promise<void> {
  const target = path.resolve(dir);
  refuseUnlessEmpty(target);
  const files = starterPackFiles(path.basename(target));
  for (const file of files) {
    const destination = path.join(target, ...file.path.split('/'));
    mkdirSync(path.dirname(destination), { recursive: true });
    // 'wx': should anything appear there meanwhile, fail rather than overwrite it.
    writeFileSync(destination, file.text, { flag: 'wx' });
  }

  const shown = path.relative(process.cwd(), target) === '' ? '.' : displayPath(target);
  const out = (text = '') => process.stdout.write(`${neutralize(text)}\n`);
  out(`Created a lesson pack in ${shown}${path.sep}:`);
  const names = files.map((file) => path.join(shown, ...file.path.split('/')));
  const width = Math.max(...names.map((name) => name.length));
  files.forEach((file, i) => out(`  ${names[i]!.padEnd(width)}  ${file.about}`));
  out();
  out('Next steps:');
  out(`  backend-intro --lessons-dir ${shellWord(shown)} list        the pack's lessons`);
  out(`  backend-intro --lessons-dir ${shellWord(shown)} lesson 1    read the first lesson: it explains the format`);
  out(`  backend-intro validate ${shellWord(shown)}                  check the pack after every change`);
}

/** The pack goes into a new folder or an empty one: never among someone's files. */
function refuseUnlessEmpty(target: string): void {
  let entries: string[];
  try {
    if (!statSync(target).isDirectory()) {
      throw new UsageError(`${displayPath(target)} is a file, not a folder; name a new folder for the pack, for example \`backend-intro init my-course\`.`);
    }
    entries = readdirSync(target);
  } catch (cause) {
    if (cause instanceof UsageError) throw cause;
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(`Cannot use ${displayPath(target)} (${(cause as NodeJS.ErrnoException).code ?? 'unreadable'}); name a new folder for the pack.`);
  }
  if (entries.length > 0) {
    throw new UsageError(`${displayPath(target)} already exists and is not empty; name a new folder for the pack (init never writes among existing files).`);
  }
}

/** A path as a shell word: quoted only when it needs to be. */
function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
