// Lesson Markdown as the terminal shows it: lists laid out by our own renderer (numbering,
// nesting, loose items, colons in code spans), wrapped with a hanging indent.
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '../../src/ui/markdown.js';
import { stripAnsi } from '../../src/ui/terminal.js';

const render = (markdown: string, columns = 60, color = false) => stripAnsi(createMarkdownRenderer({ columns, color, interactive: false, canClear: false }).render(markdown));

describe('lists', () => {
  it('numbers a numbered list and keeps the bullets of a list nested in it', () => {
    const out = render('1. First step.\n   - a detail\n   - another detail\n2. Second step.\n');
    expect(out.split('\n')).toEqual(['  1. First step.', '     * a detail', '     * another detail', '  2. Second step.']);
  });

  it('starts numbering where the list starts', () => {
    expect(render('3. three\n4. four\n').split('\n')).toEqual(['  3. three', '  4. four']);
  });

  it('joins the lines of a loose list item (blank lines between items) into one wrapped item', () => {
    const out = render('- The first item is long enough\n  to be written on two lines.\n\n- Second.\n', 40);
    expect(out.split('\n')).toEqual(['  * The first item is long enough to be', '    written on two lines.', '  * Second.']);
  });

  it('keeps colons inside code spans in list items', () => {
    expect(render('- send `"genre": null` to clear it\n')).toBe('  * send "genre": null to clear it');
  });

  it('wraps long items under their text, never past the width', () => {
    const out = render(`- ${'word '.repeat(30).trim()}\n`, 30);
    const lines = out.split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(29);
    expect(lines.slice(1).every((line) => line.startsWith('    word'))).toBe(true);
  });

  it('puts a later paragraph of an item below its first, wrapped under the item text, with code blocks after', () => {
    const out = render('1. First paragraph.\n\n   A second paragraph that is long enough to wrap at forty columns.\n\n   ```js\n   const x = 1;\n   ```\n\n2. Two.\n', 40);
    expect(out.split('\n')).toEqual([
      '  1. First paragraph.',
      '',
      '     A second paragraph that is long',
      '     enough to wrap at forty columns.',
      '',
      '       const x = 1;',
      '  2. Two.',
    ]);
  });
});
