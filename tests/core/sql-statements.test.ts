// Where typed SQL ends (src/core/sql-statements.ts): the sql> prompt runs input once it ends
// with a semicolon that is not inside a string, an identifier, a comment or a trigger body.
import { describe, expect, it } from 'vitest';
import { codeOnly, firstKeyword, joinKind, splitStatements, writeOutsideTransaction } from '../../src/core/sql-statements.js';

describe('splitStatements', () => {
  it('splits at top-level semicolons and keeps each semicolon', () => {
    expect(splitStatements('SELECT 1; SELECT 2;')).toEqual({ statements: ['SELECT 1;', 'SELECT 2;'], rest: '' });
  });

  it('reports text after the last semicolon as unfinished', () => {
    expect(splitStatements('SELECT 1; SELECT')).toEqual({ statements: ['SELECT 1;'], rest: 'SELECT' });
    expect(splitStatements('SELECT title\nFROM books')).toEqual({ statements: [], rest: 'SELECT title\nFROM books' });
  });

  it('ignores semicolons inside string literals, doubled quotes included', () => {
    expect(splitStatements("SELECT 'a;b'")).toEqual({ statements: [], rest: "SELECT 'a;b'" });
    expect(splitStatements("SELECT 'it''s; fine';").statements).toEqual(["SELECT 'it''s; fine';"]);
  });

  it('treats an unclosed string as unfinished, across lines', () => {
    expect(splitStatements("SELECT 'one;\n").rest).toBe("SELECT 'one;");
    expect(splitStatements("SELECT 'one;\ntwo';").statements).toEqual(["SELECT 'one;\ntwo';"]);
  });

  it('ignores semicolons inside quoted identifiers', () => {
    expect(splitStatements('SELECT "a;b", [c;d], `e;f` FROM t;').statements).toEqual(['SELECT "a;b", [c;d], `e;f` FROM t;']);
  });

  it('ignores a semicolon in a comment at the end of the line', () => {
    expect(splitStatements('SELECT 1 -- done;').rest).toBe('SELECT 1 -- done;');
    expect(splitStatements('SELECT 1 /* ; */').rest).toBe('SELECT 1 /* ; */');
  });

  it('counts input that ends with a comment after the semicolon as complete', () => {
    expect(splitStatements('SELECT 1; -- the end')).toEqual({ statements: ['SELECT 1;'], rest: '' });
  });

  it('drops statements that are only blanks, comments or a lone semicolon', () => {
    expect(splitStatements(' ;  -- nothing\n;')).toEqual({ statements: [], rest: '' });
    expect(splitStatements('   ')).toEqual({ statements: [], rest: '' });
  });

  it('keeps an unclosed block comment unfinished', () => {
    expect(splitStatements('/* a comment; still going').rest).toBe('/* a comment; still going');
  });

  it('keeps a CREATE TRIGGER body together until "; END;"', () => {
    const trigger = 'CREATE TRIGGER t AFTER INSERT ON books BEGIN UPDATE stats SET n = n + 1; END;';
    expect(splitStatements(trigger).statements).toEqual([trigger]);
    expect(splitStatements('CREATE TEMP TRIGGER t AFTER INSERT ON b BEGIN\n  DELETE FROM c;\n').rest).not.toBe('');
    const withCase = 'CREATE TRIGGER t AFTER INSERT ON b BEGIN UPDATE c SET x = CASE WHEN 1 THEN 2 END; END; SELECT 1;';
    expect(splitStatements(withCase).statements).toHaveLength(2);
  });
});

describe('firstKeyword', () => {
  it('is the first word, uppercased, after blanks and comments', () => {
    expect(firstKeyword('  -- note\n /* x */ insert into t values (1)')).toBe('INSERT');
    expect(firstKeyword('begin;')).toBe('BEGIN');
    expect(firstKeyword(';')).toBe('');
  });
});

describe('codeOnly', () => {
  it('blanks comments and the insides of strings and quoted names, keeping quotes, line breaks and length', () => {
    const text = "SELECT 'a = NULL', \"odd;name\" -- where x = NULL\nFROM t /* y = NULL */ WHERE [z]=1";
    const { code, open } = codeOnly(text);
    expect(code).toHaveLength(text.length);
    expect(code).toBe("SELECT '        ', \"        \"                  \nFROM t                WHERE [ ]=1");
    expect(open).toBe(false);
  });

  it('treats a doubled quote as part of the string', () => {
    expect(codeOnly("SELECT 'it''s' = x").code).toBe("SELECT '  '' ' = x");
  });

  it('says when the text ends inside a string, a quoted name or a block comment, not a line comment', () => {
    expect(codeOnly("SELECT 'abc").open).toBe(true);
    expect(codeOnly('SELECT "abc').open).toBe(true);
    expect(codeOnly('SELECT 1 /* note').open).toBe(true);
    expect(codeOnly('SELECT 1 -- note').open).toBe(false);
  });
});

describe('joinKind', () => {
  it.each([
    ['SELECT * FROM a LEFT JOIN b ON b.a_id = a.id', 'left'],
    ['select * from a left outer join b using (id)', 'left'],
    ['SELECT * FROM a JOIN b ON b.a_id = a.id', 'inner'],
    ['SELECT * FROM a INNER JOIN b ON 1', 'inner'],
    ['SELECT * FROM authors a, books b WHERE b.author_id = a.id', 'inner'],
    ['SELECT genre, count(*) FROM books GROUP BY genre', 'none'],
    ["SELECT 'LEFT JOIN' FROM books -- a JOIN here is only a comment", 'none'],
  ] as const)('%s: %s', (sql, kind) => {
    expect(joinKind(sql)).toBe(kind);
  });
});

describe('writeOutsideTransaction', () => {
  it.each([
    ['BEGIN; DELETE FROM a; DELETE FROM b; COMMIT;'],
    ['begin transaction;\nupdate a set x = 1;\nend;'],
    ['SAVEPOINT s; INSERT INTO a VALUES (1); RELEASE s; COMMIT;'],
    ['SELECT * FROM a; BEGIN; DELETE FROM a; COMMIT; SELECT count(*) FROM a;'],
    ['BEGIN; DELETE FROM a; ROLLBACK TO s; DELETE FROM b; COMMIT;'],
    ['-- BEGIN\nBEGIN; /* COMMIT; */ DELETE FROM a; COMMIT'],
  ])('none in %j', (sql) => {
    expect(writeOutsideTransaction(sql)).toBeUndefined();
  });

  it.each([
    ['DELETE FROM a; DELETE FROM b;', 'DELETE FROM a;'],
    ['BEGIN; DELETE FROM a; COMMIT; DELETE FROM b;', 'DELETE FROM b;'],
    ['BEGIN; DELETE FROM a; ROLLBACK; INSERT INTO a VALUES (1);', 'INSERT INTO a VALUES (1);'],
    ["-- COMMIT later\nUPDATE a SET x = 'BEGIN'; BEGIN; COMMIT;", "-- COMMIT later\nUPDATE a SET x = 'BEGIN';"],
    ['WITH old AS (SELECT id FROM a) DELETE FROM b WHERE id IN old;', 'WITH old AS (SELECT id FROM a) DELETE FROM b WHERE id IN old;'],
    ['CREATE TABLE t (x)', 'CREATE TABLE t (x)'],
  ])('in %j: %j', (sql, statement) => {
    expect(writeOutsideTransaction(sql)).toBe(statement);
  });
});
