// src/ui/terminal.ts and src/ui/format.ts: pure text helpers (kept here with the other pure tests).
import chalk from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDuration, formatWhen, layoutTable, progressBar, quizLabel, statusLabel } from '../../src/ui/format.js';
import { applyColor, detectScreen, neutralize, stripAnsi, visibleWidth, type ScreenInputs } from '../../src/ui/terminal.js';

const originalLevel = chalk.level;
afterEach(() => {
  chalk.level = originalLevel;
});

describe('neutralize', () => {
  it('turns ESC, BEL, CSI and other control characters into visible text', () => {
    expect(neutralize('\u001b[2J\u001b]0;pwned\u0007')).toBe('^[[2J^[]0;pwned^G');
    expect(neutralize('a\u009b31mb')).toBe('a\\x9b31mb');
    expect(neutralize('\u0000\u0008\u000b\u000c\r\u001f')).toBe('^@^H^K^L^M^_');
    expect(neutralize('del\u007f c1\u0085\u009f')).toBe('del\\x7f c1\\x85\\x9f');
  });

  it('keeps newlines, tabs and ordinary text, including non-ASCII', () => {
    const text = 'name\tprice\nDune\t9.99 €  — ok ✓ 日本';
    expect(neutralize(text)).toBe(text);
  });

  it('leaves nothing that a terminal would interpret', () => {
    // eslint-disable-next-line no-control-regex
    expect(neutralize(Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join(''))).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('stripAnsi and visibleWidth', () => {
  it('remove SGR and OSC sequences', () => {
    expect(stripAnsi('\u001b[1m\u001b[32mok\u001b[39m\u001b[22m')).toBe('ok');
    expect(stripAnsi('\u001b]8;;https://x.test\u0007link\u001b]8;;\u0007')).toBe('link');
    expect(visibleWidth('\u001b[31mré✓\u001b[0m')).toBe(3);
  });
});

describe('detectScreen', () => {
  const tty: ScreenInputs = { colorFlag: true, env: { TERM: 'xterm-256color' }, stdinIsTTY: true, stdoutIsTTY: true, columns: 120 };

  it('a normal terminal has colour, prompts, clearing and its width', () => {
    expect(detectScreen(tty)).toEqual({ columns: 120, color: true, interactive: true, canClear: true });
  });

  it('NO_COLOR (non-empty) turns colour off; an empty NO_COLOR does not', () => {
    expect(detectScreen({ ...tty, env: { TERM: 'xterm', NO_COLOR: '1' } }).color).toBe(false);
    expect(detectScreen({ ...tty, env: { TERM: 'xterm', NO_COLOR: '' } }).color).toBe(true);
    expect(detectScreen({ ...tty, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).color).toBe(false);
  });

  it('--no-color (colorFlag false) turns colour off, even with FORCE_COLOR', () => {
    expect(detectScreen({ ...tty, colorFlag: false }).color).toBe(false);
    expect(detectScreen({ ...tty, colorFlag: false, env: { FORCE_COLOR: '1' } }).color).toBe(false);
  });

  it('TERM=dumb has no colour and no screen clearing', () => {
    const screen = detectScreen({ ...tty, env: { TERM: 'dumb' } });
    expect(screen.color).toBe(false);
    expect(screen.canClear).toBe(false);
    expect(screen.columns).toBe(120);
  });

  it('non-TTY stdout: no colour, no prompts, no clearing, 80 columns', () => {
    expect(detectScreen({ ...tty, stdoutIsTTY: false })).toEqual({ columns: 80, color: false, interactive: false, canClear: false });
    expect(detectScreen({ ...tty, stdinIsTTY: false }).interactive).toBe(false);
  });

  it('FORCE_COLOR turns colour on for a pipe unless it is 0 or false', () => {
    expect(detectScreen({ ...tty, stdoutIsTTY: false, env: { FORCE_COLOR: '1' } }).color).toBe(true);
    expect(detectScreen({ ...tty, stdoutIsTTY: false, env: { FORCE_COLOR: '0' } }).color).toBe(false);
    expect(detectScreen({ ...tty, env: { FORCE_COLOR: 'false' } }).color).toBe(true);
    expect(detectScreen({ ...tty, stdoutIsTTY: false, env: { FORCE_COLOR: 'false' } }).color).toBe(false);
  });

  it('unknown widths fall back to 80 and tiny widths are raised to 20', () => {
    expect(detectScreen({ ...tty, columns: undefined }).columns).toBe(80);
    expect(detectScreen({ ...tty, columns: 0 }).columns).toBe(80);
    expect(detectScreen({ ...tty, columns: 10 }).columns).toBe(20);
    expect(detectScreen({ ...tty, columns: 40 }).columns).toBe(40);
  });

  it('applyColor makes chalk follow the decision', () => {
    chalk.level = 2;
    applyColor({ columns: 80, color: false, interactive: false, canClear: false });
    expect(chalk.level).toBe(0);
    expect(chalk.red('x')).toBe('x');
    applyColor({ columns: 80, color: true, interactive: true, canClear: true });
    expect(chalk.level).toBe(1);
    expect(chalk.red('x')).not.toBe('x');
  });
});

describe('layoutTable', () => {
  const headers = ['#', 'Lesson', 'Status', 'Quiz'];
  const rows = [
    ['1', 'What backend development is', 'done', '6/6'],
    ['2', 'Servers and HTTP', 'in progress', '–'],
  ];

  it('lays rows out as aligned columns when they fit', () => {
    chalk.level = 1;
    const out = layoutTable(headers, rows, 80);
    expect(out).toContain('\u001b[');
    expect(stripAnsi(out).split('\n')).toEqual([
      '  #  Lesson                       Status       Quiz',
      '  1  What backend development is  done         6/6',
      '  2  Servers and HTTP             in progress  –',
    ]);
  });

  it('uses the visible width of coloured cells', () => {
    chalk.level = 1;
    const out = layoutTable(['A', 'B'], [[chalk.green('xx'), 'y'], ['z', 'w']], 80, '');
    expect(stripAnsi(out).split('\n')).toEqual(['A   B', 'xx  y', 'z   w']);
  });

  it('stacks each row as "label: value" lines in 40 columns', () => {
    const out = stripAnsi(layoutTable(headers, rows, 40));
    expect(out).toBe(
      [
        '  1',
        '    Lesson: What backend development is',
        '    Status: done',
        '    Quiz: 6/6',
        '',
        '  2',
        '    Lesson: Servers and HTTP',
        '    Status: in progress',
        '    Quiz: –',
      ].join('\n'),
    );
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('cuts a shrinkable column with … to stay a table, down to its minimum', () => {
    // Unshrunk: 2 + 1 + 2 + 27 + 2 + 11 + 2 + 4 = 51 columns.
    const cut = stripAnsi(layoutTable(headers, rows, 45, '  ', { column: 1, min: 16 })).split('\n');
    expect(cut[1]).toBe('  1  What backend develop…  done         6/6');
    expect(cut[2]).toBe('  2  Servers and HTTP       in progress  –');
    for (const line of cut) expect(line.length).toBeLessThanOrEqual(45);
    // 16 columns for the title would need 40; at 39 it stacks instead.
    expect(stripAnsi(layoutTable(headers, rows, 40, '  ', { column: 1, min: 16 })).split('\n')[0]).toBe('  #  Lesson            Status       Quiz');
    expect(stripAnsi(layoutTable(headers, rows, 39, '  ', { column: 1, min: 16 }))).toContain('    Lesson: What backend development is');
  });

  it('switches exactly at the table width', () => {
    const tiny = [['ab', 'cd']];
    // indent 2 + 2 + 2 (gap) + 2 = 8 columns
    expect(stripAnsi(layoutTable(['xx', 'yy'], tiny, 8))).toBe('  xx  yy\n  ab  cd');
    expect(stripAnsi(layoutTable(['xx', 'yy'], tiny, 7))).toBe('  ab\n    yy: cd');
  });
});

describe('progressBar and small formatters', () => {
  it('progressBar shows filled cells and the percentage', () => {
    expect(stripAnsi(progressBar(3, 4, 10, false))).toBe('[########--] 75%');
    expect(stripAnsi(progressBar(1, 3, 6, true))).toBe('[██░░░░] 33%');
    expect(stripAnsi(progressBar(0, 0, 4, false))).toBe('[----] 0%');
    expect(stripAnsi(progressBar(5, 5, 4, false))).toBe('[####] 100%');
  });

  it('statusLabel, quizLabel and formatDuration', () => {
    expect(['done', 'in progress', 'not started'].map((s) => stripAnsi(statusLabel(s as 'done')))).toEqual(['done', 'in progress', 'not started']);
    expect(quizLabel({ correct: 4, total: 6 })).toBe('4/6');
    expect(quizLabel(undefined)).toBe('–');
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(20_000)).toBe('under a minute');
    expect(formatDuration(25 * 60_000)).toBe('25 min');
    expect(formatDuration(135 * 60_000)).toBe('2 h 15 min');
  });

  it('formatWhen', () => {
    const now = new Date(2025, 5, 10, 15, 0, 0);
    expect(formatWhen(undefined, now)).toBe('–');
    expect(formatWhen(new Date(2025, 5, 10, 1, 0, 0).toISOString(), now)).toBe('today');
    expect(formatWhen(new Date(2025, 5, 9, 23, 0, 0).toISOString(), now)).toBe('yesterday');
    expect(formatWhen(new Date(2025, 5, 7, 12, 0, 0).toISOString(), now)).toBe('3 days ago');
    expect(formatWhen(new Date(Date.UTC(2025, 4, 1, 12)).toISOString(), now)).toBe('2025-05-01');
  });
});
