// How an exercise's task and explanation are laid out as plain text (src/ui/exercise-help.ts, formatTask).
import { describe, expect, it } from 'vitest';
import { formatTask } from '../../src/ui/exercise-help.js';

describe('formatTask', () => {
  it('re-flows soft line breaks to the screen width', () => {
    const text = formatTask('List every book\nunder 10,\ncheapest first.\n', 80);
    expect(text).toBe('List every book under 10, cheapest first.');
    for (const line of formatTask('List every book\nunder 10, cheapest first, with its title and price.', 20).split('\n')) {
      expect(line.length).toBeLessThanOrEqual(19);
    }
  });

  it('keeps paragraphs apart and list items on their own lines', () => {
    expect(formatTask('First paragraph\ngoes on.\n\n- one\n- two\nstill two', 80)).toBe('First paragraph goes on.\n\n- one\n- two still two');
  });

  it('keeps indented code as it is, indented by two', () => {
    expect(formatTask('Run this:\n\n    SELECT *\n      FROM books;\n\nThen fix it.', 80)).toBe('Run this:\n\n  SELECT *\n    FROM books;\n\nThen fix it.');
  });
});
