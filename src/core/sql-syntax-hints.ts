// What a syntax error from SQLite most likely means, when the text shows a common cause that
// SQLite's own words ("near "s": syntax error") do not name.

/**
 * An apostrophe inside a quoted text ends the text early ('Clockmaker's Daughter'): SQLite
 * then stumbles on the rest. Named when the error is a syntax error and the SQL has a letter,
 * an apostrophe and a letter in a row.
 */
export function syntaxErrorHint(sql: string, errorMessage: string): string | undefined {
  if (!/syntax error|unrecognized token/i.test(errorMessage)) return undefined;
  const word = /[A-Za-z]+'[A-Za-z]+/.exec(sql)?.[0];
  if (word === undefined) return undefined;
  return `An apostrophe inside a text in single quotes ends the text early: write it twice, as in '${word.replace("'", "''")}'.`;
}
