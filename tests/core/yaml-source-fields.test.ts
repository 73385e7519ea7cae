import { describe, expect, it } from 'vitest';
import { FieldReader, idPattern } from '../../src/core/fields.js';
import { YamlSource } from '../../src/core/yaml-source.js';
import { packError } from '../helpers/pack.js';

const text = ['id: demo', 'nested:', '  list:', '    - one', '    - two', '  flag: true', 'count: 3', 'ratio: 0.5', 'empty:'].join('\n');

describe('YamlSource', () => {
  const source = YamlSource.parse(text, 'f.md', 10, 'test block');

  it('exposes the parsed value', () => {
    expect(source.value).toEqual({ id: 'demo', nested: { list: ['one', 'two'], flag: true }, count: 3, ratio: 0.5, empty: null });
    expect(source.file).toBe('f.md');
    expect(source.what).toBe('test block');
  });

  it('lineOf gives absolute lines of keys, list items and the nearest existing ancestor', () => {
    expect(source.lineOf([])).toBe(10);
    expect(source.lineOf(['id'])).toBe(10);
    expect(source.lineOf(['nested', 'list', 1])).toBe(14);
    expect(source.lineOf(['nested', 'flag'])).toBe(15);
    expect(source.lineOf(['count'])).toBe(16);
    expect(source.lineOf(['nested', 'missing'])).toBe(11);
    expect(source.lineOf(['nested', 'list', 7])).toBe(12);
    expect(source.lineOf(['absent', 'deep'])).toBe(10);
  });

  it('fail throws a PackFormatError at that line', () => {
    const error = packError(() => source.fail(['count'], 'too many'));
    expect([error.file, error.line, error.problem, error.message]).toEqual(['f.md', 16, 'too many', 'f.md:16: too many']);
  });

  it('an alias bomb is refused instead of expanding', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    const error = packError(() => YamlSource.parse(bomb, 'f.md', 3, 'quiz block'));
    expect(error.line).toBe(3);
    expect(error.problem).toMatch(/^the quiz block could not be read \(/);
  });

  it('invalid YAML names the snippet kind and stays within the snippet', () => {
    const error = packError(() => YamlSource.parse('a: 1\nb: [', 'f.md', 20, 'exercise block'));
    expect(error.file).toBe('f.md');
    expect(error.line).toBeGreaterThanOrEqual(20);
    expect(error.line).toBeLessThanOrEqual(21);
    expect(error.problem).toMatch(/^the exercise block is not valid YAML \(.+\) — check indentation/);
  });
});

describe('FieldReader', () => {
  const source = YamlSource.parse(text, 'f.md', 1, 'test block');
  const fields = FieldReader.at(source, [], source.value, 'thing');

  it('reads text (numbers and booleans as text), lists and numbers', () => {
    expect(fields.text('id')).toBe('demo');
    expect(fields.text('count')).toBe('3');
    expect(fields.text('empty')).toBeUndefined();
    expect(fields.has('empty')).toBe(false);
    expect(fields.has('id')).toBe(true);
    expect(fields.positiveNumber('count', { integer: true })).toBe(3);
    expect(fields.positiveNumber('ratio', { integer: false })).toBe(0.5);
    expect(fields.positiveNumber('missing', { integer: true })).toBeUndefined();
    expect(fields.mapping('nested')!.textList('list')).toEqual(['one', 'two']);
    expect(fields.mapping('nested')!.text('flag')).toBe('true');
    expect(fields.oneOf('id', ['demo', 'other'] as const, 'other')).toBe('demo');
    expect(fields.oneOf('missing', ['demo', 'other'] as const, 'other')).toBe('other');
    expect(fields.line()).toBe(1);
  });

  it('reports wrong types with the label and line', () => {
    const notText = packError(() => fields.text('nested'));
    expect([notText.line, notText.problem]).toEqual([2, 'thing: "nested" must be text, but it is a mapping']);
    const notWhole = packError(() => fields.positiveNumber('ratio', { integer: true }));
    expect([notWhole.line, notWhole.problem]).toEqual([8, 'thing: "ratio" must be a positive whole number, but it is number 0.5']);
    const notList = packError(() => fields.list('id', '[a]'));
    expect([notList.line, notList.problem]).toEqual([1, 'thing: "id" must be a non-empty list — for example [a]']);
    const nestedLabel = packError(() => fields.mapping('nested')!.requiredText('title', '"title: x"'));
    expect([nestedLabel.line, nestedLabel.problem]).toEqual([2, 'thing, "nested": "title" is required — for example "title: x"']);
    const notMapping = packError(() => fields.mapping('count'));
    expect(notMapping.problem).toBe('thing, "count" must be a YAML mapping of "key: value" lines, but it is number 3');
  });

  it('idPattern accepts letters, digits, "-" and "_" only, not starting with "-" or "_"', () => {
    expect(['a', 'sql-basics', 'q_1', '3', 'A9'].every((id) => idPattern.test(id))).toBe(true);
    expect(['', '-a', '_a', 'a b', 'a/b', 'a.b', 'é'].some((id) => idPattern.test(id))).toBe(false);
  });
});
