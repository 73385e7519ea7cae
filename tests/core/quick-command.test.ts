// Which command lines the quick path answers (src/core/quick-command.ts), and what they mean.
import { describe, expect, it } from 'vitest';
import { parseQuickCommand } from '../../src/core/quick-command.js';

const plain = { color: true };

describe('parseQuickCommand', () => {
  it('reads the plain forms of list, progress, lesson --print and --version', () => {
    expect(parseQuickCommand(['list'], {})).toEqual({ name: 'list', json: false, globals: plain });
    expect(parseQuickCommand(['list', '--json'], {})).toEqual({ name: 'list', json: true, globals: plain });
    expect(parseQuickCommand(['progress'], {})).toEqual({ name: 'progress', json: false, globals: plain });
    expect(parseQuickCommand(['progress', '--json'], {})).toEqual({ name: 'progress', json: true, globals: plain });
    expect(parseQuickCommand(['lesson', '3', '--print'], {})).toEqual({ name: 'lesson --print', lesson: '3', globals: plain });
    expect(parseQuickCommand(['start', '--print', 'sql-basics'], {})).toEqual({ name: 'lesson --print', lesson: 'sql-basics', globals: plain });
    expect(parseQuickCommand(['--version'], {})).toEqual({ name: 'version' });
    expect(parseQuickCommand(['-v'], {})).toEqual({ name: 'version' });
    expect(parseQuickCommand(['verify', '3.1'], {})).toEqual({ name: 'verify', id: '3.1', json: false, globals: plain });
    expect(parseQuickCommand(['verify', '3.1', 'answer.sql', '--json'], {})).toEqual({ name: 'verify', id: '3.1', file: 'answer.sql', json: true, globals: plain });
    expect(parseQuickCommand(['verify', '--json', 'sql/one', 'a.sql'], {})).toEqual({ name: 'verify', id: 'sql/one', file: 'a.sql', json: true, globals: plain });
  });

  it('reads global options before the command, in both spellings, and --no-color', () => {
    expect(parseQuickCommand(['--lessons-dir', 'pack', '--data-dir=home', '--workspace', 'work', '--no-color', 'list'], {})).toEqual({
      name: 'list',
      json: false,
      globals: { lessonsDir: 'pack', dataDir: 'home', workspace: 'work', color: false },
    });
  });

  it('takes an option from its environment variable when not given, as commander does, even empty', () => {
    const env = { BACKEND_INTRO_LESSONS: 'from-env', BACKEND_INTRO_HOME: '', BACKEND_INTRO_WORKSPACE: 'w' };
    expect(parseQuickCommand(['--lessons-dir', 'given', 'list'], env)).toEqual({
      name: 'list',
      json: false,
      globals: { lessonsDir: 'given', dataDir: '', workspace: 'w', color: true },
    });
  });

  it('leaves everything else to the full command line', () => {
    const others = [
      [],
      ['3'],
      ['list', '--help'],
      ['list', '--json', '--json'],
      ['list', 'extra'],
      ['list', '--no-color'],
      ['progress', '--export', 'file.json'],
      ['lesson', '3'],
      ['lesson', '--print'],
      ['lesson', '3', '4', '--print'],
      ['lesson', '--print', '--print'],
      ['lesson', '-3', '--print'],
      ['--version', 'list'],
      ['--help'],
      ['--no-color', '--no-color', 'list'],
      ['--data-dir', 'a', '--data-dir', 'b', 'list'],
      ['--data-dir'],
      ['--data-dir', '--json', 'list'],
      ['--data-dir=', 'list'],
      ['--color', 'list'],
      ['--no-color=yes', 'list'],
      ['--', 'list'],
      ['verify'],
      ['verify', '--json'],
      ['verify', '3.1', '--watch'],
      ['verify', '3.1', 'a.sql', 'b.sql'],
      ['verify', '3.1', '--json', '--json'],
      ['verify', '3.1', '-'],
      ['exercise', '3.1'],
      ['quiz', '1'],
    ];
    for (const args of others) expect(parseQuickCommand(args, {}), args.join(' ')).toBeUndefined();
  });
});
