// Random damage to real pack text, for the property-based parser tests: lines deleted, doubled,
// swapped, re-indented or truncated, stray characters typed in, YAML values replaced by odd ones,
// and structural lines (fences, headings, front matter markers) dropped in where they do not belong.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { root } from '../cli/pty-helpers.js';

export interface SourceFile {
  name: string;
  text: string;
}

/** Every file under `dir` (recursively) whose name passes `keep`. */
function filesUnder(dir: string, keep: (name: string) => boolean): SourceFile[] {
  const found: SourceFile[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...filesUnder(full, keep));
    else if (keep(entry)) found.push({ name: path.relative(root, full), text: readFileSync(full, 'utf8') });
  }
  return found;
}

/** The built-in course's lessons and every fixture lesson (broken fixtures included). */
export function realLessons(): SourceFile[] {
  return [...filesUnder(path.join(root, 'lessons'), (name) => name.endsWith('.md')), ...filesUnder(path.join(root, 'tests', 'fixtures'), (name) => name.endsWith('.md'))];
}

export function realCourseFiles(): SourceFile[] {
  return [...filesUnder(path.join(root, 'lessons'), (name) => name === 'course.yaml'), ...filesUnder(path.join(root, 'tests', 'fixtures'), (name) => name === 'course.yaml')];
}

/** Odd YAML values: wrong types, anchors and aliases, tags, block scalars, numbers out of range. */
const yamlValues = [
  '',
  'null',
  '~',
  '[]',
  '{}',
  '[a, [b, {c: d}]]',
  '{ask: x, answer: [1, 2]}',
  '- dangling item',
  '0',
  '-1',
  '3.5',
  '1e400',
  '0x1F',
  '.inf',
  '-.nan',
  'true',
  'yes',
  '&anchor [*anchor]',
  '*nowhere',
  '&a x',
  '!!binary aGVsbG8=',
  '!!js/function "function () {}"',
  '!!timestamp 2001-12-14t21:59:43.10-05:00',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!custom tag',
  '|',
  '>-',
  '|2-',
  '"unterminated',
  "'also unterminated",
  '"\\u0000 \\x1b[2J \\uD800"',
  'a: b: c',
  '? complex key',
  '<<: *a',
  '%YAML 1.2',
  '@reserved',
  '`backtick',
  '#just a comment',
  'x'.repeat(5000),
  '__proto__',
  'constructor',
];

/** Lines that change a lesson's structure when dropped in anywhere. */
const structuralLines = [
  '---',
  '...',
  '```',
  '````',
  '~~~',
  '```exercise',
  '```quiz',
  '```sql',
  '## ',
  '## A new page',
  '##',
  '   ## indented heading',
  'id: injected',
  'questions:',
  '  - ask: Injected?',
  '    choices: [a, b]',
  '    answer: c',
  'type: sql',
  'type: ruby',
  'solution:',
  'requests:',
  '  - GET /x',
  '  - { method: BREW, path: nowhere }',
  '\t\tkey: tabbed',
  '\uFEFF',
  '\r',
  '',
];

/** Stray characters: anything from Unicode (lone surrogates included), YAML and Markdown punctuation, control characters. */
const strayText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(':', ': ', '- ', '[', ']', '{', '}', '"', "'", '|', '>', '&', '*', '!', '%', '@', '`', '#', '\t', '\\', '\u0000', '\u001b[2J', '\u0085', '\u2028', '\uD800', '😀', 'שלום', '\r\n'),
);

export type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'type'; at: number; column: number; text: string }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'yaml-value'; at: number; value: string }
  | { kind: 'insert-line'; at: number; line: string }
  | { kind: 'truncate'; at: number };

const anywhere = fc.nat({ max: 1_000_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: anywhere }),
  fc.record({ kind: fc.constant('duplicate' as const), at: anywhere }),
  fc.record({ kind: fc.constant('swap' as const), at: anywhere, other: anywhere }),
  fc.record({ kind: fc.constant('type' as const), at: anywhere, column: fc.nat({ max: 200 }), text: strayText }),
  fc.record({ kind: fc.constant('indent' as const), at: anywhere, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('yaml-value' as const), at: anywhere, value: fc.oneof(fc.constantFrom(...yamlValues), fc.string({ unit: 'grapheme', maxLength: 20 })) }),
  fc.record({ kind: fc.constant('insert-line' as const), at: anywhere, line: fc.oneof(fc.constantFrom(...structuralLines), strayText) }),
  fc.record({ kind: fc.constant('truncate' as const), at: anywhere }),
);

/** Applies mutations in order to the text's lines; positions wrap around the current length. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  const lines = text.split('\n');
  for (const change of mutations) {
    const at = change.at % Math.max(1, lines.length);
    const line = lines[at] ?? '';
    switch (change.kind) {
      case 'delete':
        lines.splice(at, 1);
        break;
      case 'duplicate':
        lines.splice(at, 0, line);
        break;
      case 'swap': {
        const other = change.other % Math.max(1, lines.length);
        [lines[at], lines[other]] = [lines[other] ?? '', line];
        break;
      }
      case 'type': {
        const column = Math.min(change.column, line.length);
        lines[at] = line.slice(0, column) + change.text + line.slice(column);
        break;
      }
      case 'indent':
        lines[at] = change.by >= 0 ? ' '.repeat(change.by) + line : line.replace(new RegExp(`^[ \\t]{0,${-change.by}}`), '');
        break;
      case 'yaml-value': {
        // Replace the value of a "key: value" line (or a list item) if this line is one; else add one.
        const field = /^(\s*(?:- )?[\w-]+:)(.*)$/.exec(line);
        lines[at] = field ? `${field[1]} ${change.value}` : `${line} ${change.value}`;
        break;
      }
      case 'insert-line':
        lines.splice(at, 0, change.line);
        break;
      case 'truncate':
        lines.splice(Math.max(1, at));
        break;
    }
  }
  return lines.join('\n');
}
