// Everything the tutorial reads from a lesson pack must be inside the pack's folder. The parsers
// already refuse names with folders in them (`database: ../../x`, `file: ../x.mjs`), but a
// symbolic link in the pack can lead anywhere: data/shop.sql -> ~/.ssh/id_rsa would make the
// tutorial read a file the learner never meant to share, and echo its lines in error messages.
// Links that stay inside the pack (data/shop.sql -> ../shared/shop.sql) are fine.
import { readdirSync, realpathSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { PackFormatError } from '../errors.js';
import { displayPath } from './paths.js';

const lessonFileName = /^\d+-.+\.md$/;

/**
 * The files of the pack the tutorial reads (course.yaml, the lesson files, data/ and its .sql
 * files) that are links to somewhere outside it, each as a problem to report. Cheap enough for
 * every start-up: two directory listings, and a real path only for the links among them.
 */
export function linksLeavingPack(dir: string): PackFormatError[] {
  let realDir: string;
  try {
    realDir = realpathSync(dir);
  } catch {
    return []; // a missing pack folder is reported by whoever reads it
  }
  const problems: PackFormatError[] = [];
  const check = (entry: Dirent, folder: string, what: 'file' | 'folder'): boolean => {
    if (!entry.isSymbolicLink()) return true;
    const file = path.join(folder, entry.name);
    let target: string;
    try {
      target = realpathSync(file);
    } catch {
      return true; // a broken link: reading it reports the file as missing
    }
    if (inside(realDir, target)) return true;
    problems.push(new PackFormatError(displayPath(file), undefined, `this ${what} is a link to ${target}, outside the lesson pack — copy the ${what} into the pack instead`));
    return false;
  };
  for (const entry of list(dir)) {
    if (entry.name === 'course.yaml' || lessonFileName.test(entry.name)) check(entry, dir, 'file');
    else if (entry.name === 'data' && check(entry, dir, 'folder')) {
      const data = path.join(dir, 'data');
      for (const file of list(data)) if (file.name.endsWith('.sql')) check(file, data, 'file');
    }
  }
  return problems;
}

function list(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function inside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
