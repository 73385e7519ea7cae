// What a syntax error most likely means (src/core/sql-syntax-hints.ts).
import { describe, expect, it } from 'vitest';
import { syntaxErrorHint } from '../../src/core/sql-syntax-hints.js';

describe('syntaxErrorHint', () => {
  it('an apostrophe inside a quoted text: write it twice, shown on the word', () => {
    expect(syntaxErrorHint("SELECT * FROM books WHERE title = 'The Clockmaker's Daughter'", 'near "s": syntax error')).toBe(
      "An apostrophe inside a text in single quotes ends the text early: write it twice, as in 'Clockmaker''s'.",
    );
    expect(syntaxErrorHint("INSERT INTO t VALUES ('O'Brien')", 'unrecognized token: "\')"')).toContain("'O''Brien'");
  });

  it('nothing for other errors, or without such an apostrophe', () => {
    expect(syntaxErrorHint("SELECT * FROM books WHERE title = 'O''Brien'", 'no such table: books')).toBeUndefined();
    expect(syntaxErrorHint('SELEC * FROM books', 'near "SELEC": syntax error')).toBeUndefined();
  });
});
