// Which rows differ, as a failed SQL check shows them (src/ui/verdict-view.ts): highlighted in the
// tables when every one is among the rows shown and there is colour; otherwise listed on their own.
import chalk from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/core/verdict.js';
import { renderVerdict } from '../../src/ui/verdict-view.js';

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
const level = chalk.level;
afterEach(() => {
  chalk.level = level;
});

/** 26 customers; `changed` of them differ in the learner's result (their city). */
function verdictWith(changed: number[]): Verdict {
  const rows = Array.from({ length: 26 }, (_, index) => [index + 1, `Customer ${index + 1}`, 'Leeds']);
  const actualRows = rows.map((row, index) => (changed.includes(index + 1) ? [row[0]!, row[1]!, null] : row));
  return {
    passed: false,
    checks: [
      {
        name: 'SELECT * FROM customers ORDER BY id',
        passed: false,
        message: 'differs',
        expected: { columns: ['id', 'name', 'city'], rows },
        actual: { columns: ['id', 'name', 'city'], rows: actualRows },
        missing: rows.filter((_, index) => changed.includes(index + 1)),
        extra: actualRows.filter((_, index) => changed.includes(index + 1)),
      },
    ],
  };
}

describe('renderVerdict: the rows that differ', () => {
  it('a changed row past the rows shown is listed on its own, both ways', () => {
    chalk.level = 1;
    const text = plain(renderVerdict('Exercise 1.1', verdictWith([26]), 100));
    expect(text).toContain('… 14 more rows (26 in all)');
    expect(text).toMatch(/Missing from your result \(1\):\nid\s+name\s+city\s*\n[─ ]+\n26\s+Customer 26\s+Leeds/);
    expect(text).toMatch(/Extra in your result \(1\):\nid\s+name\s+city\s*\n[─ ]+\n26\s+Customer 26\s+NULL/);
    expect(text).not.toContain('Highlighted');
  });

  it('rows among those shown are highlighted when there is colour, and listed when there is none', () => {
    chalk.level = 1;
    const coloured = renderVerdict('Exercise 1.1', verdictWith([3]), 100);
    expect(plain(coloured)).toContain('Highlighted: rows missing from your result');
    expect(plain(coloured)).not.toContain('Missing from your result (');
    chalk.level = 0;
    const uncoloured = renderVerdict('Exercise 1.1', verdictWith([3]), 100);
    expect(uncoloured).not.toContain('Highlighted');
    expect(uncoloured).toContain('Missing from your result (1):');
  });
});

describe('renderVerdict: the list of checks', () => {
  it('keeps each check to one line of the screen, cutting a long name with …', () => {
    const name = 'POST /books {"title":"A long title","author_id":3,"price":14.99}';
    const verdict: Verdict = { passed: true, checks: [{ name, passed: true, message: '' }, { name: 'GET /books', passed: true, message: '' }] };
    const [, first, second] = plain(renderVerdict('Exercise 4.3', verdict, 40)).split('\n');
    expect(first).toBe('  ✓ POST /books {"title":"A long title…');
    expect(second).toBe('  ✓ GET /books');
    expect(plain(renderVerdict('Exercise 4.3', verdict, 100)).split('\n')[1]).toBe(`  ✓ ${name}`);
  });
});
