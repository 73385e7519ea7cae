// Unicode in pack text and SQL results — CJK (two columns a character), emoji (two, and two
// UTF-16 units), right-to-left Hebrew and Arabic, combining accents — in a 40-column terminal:
// nothing crashes, no character is cut in half, and every line the tool lays out fits in 40
// columns. Widths are measured by tests/fuzz/screen-checks.ts, independently of src/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, keys, killRunningPtys, removeTempDirs, root, spawnPty, tempDir, type PtySession } from '../cli/pty-helpers.js';
import { overlongLines, stackTrace } from './screen-checks.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

const cjk = '日本語のテキストと中文的课程内容';
const emoji = '😀🚀🎉😀🚀🎉😀🚀🎉😀🚀🎉😀🚀🎉😀🚀🎉';
const hebrew = 'שלום עולם, זו שורה ארוכה בעברית שצריכה לגלוש כראוי';
const arabic = 'مرحبا بالعالم، هذا سطر طويل باللغة العربية';
const combining = 'Zalgo: Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇ and café with e\u0301';

function writePack(dir: string): string {
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  cpSync(path.join(root, 'tests', 'fixtures', 'verify-pack', 'data'), path.join(dir, 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'course.yaml'), ['id: unicode-pack', `title: "课程 ${emoji.slice(0, 6)} — קורס"`, 'format: 1', `description: "${cjk} ${emoji} ${hebrew}"`, ''].join('\n'));
  const fence = '```';
  writeFileSync(
    path.join(dir, '01-unicode.md'),
    [
      '---',
      'id: unicode',
      `title: "数据库和${cjk} ${emoji.slice(0, 8)} ${hebrew.slice(0, 12)}"`,
      `summary: "${cjk}${cjk} ${emoji}"`,
      'database: shop',
      '---',
      '',
      `${cjk}${cjk}${cjk}${cjk}。${emoji}${emoji} ${hebrew} ${arabic}. ${combining}.`,
      '',
      `- ${cjk} item with a long text that wraps ${emoji}`,
      `- ${hebrew}`,
      '',
      `## ${cjk} ${emoji.slice(0, 10)} page two`,
      '',
      `**${cjk}${cjk}** and \`${emoji.slice(0, 8)}\` ${arabic}`,
      '',
      `${fence}exercise`,
      'id: names',
      'type: sql',
      `prompt: "列出所有客户的名字 ${emoji} — ${hebrew}"`,
      'solution: SELECT name FROM customers;',
      'hints:',
      `  - "提示 ${emoji}${emoji} ${arabic}"`,
      fence,
      '',
      `${fence}quiz`,
      'questions:',
      `  - ask: "哪个是正确的？${emoji} ${hebrew}"`,
      `    choices: ["选项一 ${emoji}", "${arabic} ${cjk}"]`,
      `    answer: "选项一 ${emoji}"`,
      `    explain: "因为 ${emoji}${emoji}${cjk}"`,
      fence,
      '',
    ].join('\n'),
  );
  return dir;
}

const pack = writePack(path.join(tempDir('bi-unicode-pack-'), 'pack'));
const files = tempDir('bi-unicode-files-');
const answer = path.join(files, 'unicode.sql');
writeFileSync(answer, `SELECT '${emoji}' AS name, '${cjk}' AS city, '${hebrew}' AS note FROM customers;\n`);

const columns = 40;
const env = { NO_COLOR: '1', EDITOR: undefined, VISUAL: undefined };

function session(args: string[], home = tempDir('bi-unicode-home-')): PtySession {
  return spawnPty(args, { cols: columns, rows: 30, home, lessons: pack, env });
}

function expectFits(raw: string, what: string, skip?: (line: string) => boolean): void {
  expect(overlongLines(raw, columns, skip), `${what}: lines wider than ${columns} columns`).toEqual([]);
  // An emoji cut in half shows as U+FFFD, or stays as a lone surrogate.
  expect(raw, what).not.toMatch(/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  expect(raw, what).not.toMatch(stackTrace);
}

describe(`Unicode, emoji and right-to-left text in a ${columns}-column terminal`, () => {
  it.each([['list'], ['lesson', '1', '--print'], ['progress'], ['report'], ['hint', '1.1'], ['verify', '1.1', answer]].map((args) => [args.map((arg) => path.basename(arg)).join(' '), args] as const))(
    '%s: every line fits, nothing cut in half',
    async (name, args) => {
      const run = session(args);
      const code = await run.waitForExit(15_000);
      expect(code, run.screen()).toBe(name.startsWith('verify') ? 1 : 0);
      expectFits(run.raw, name);
    },
  );

  it('the text is all there: lesson --print wraps it rather than dropping any', async () => {
    const run = session(['lesson', '1', '--print']);
    await run.waitForExit(15_000);
    const text = run.text.replace(/\s+/g, '');
    for (const piece of [cjk, emoji, hebrew.replace(/\s+/g, ''), arabic.replace(/\s+/g, '')]) expect(text).toContain(piece);
  });

  it('reading lesson 1 page by page, and its quiz: every line fits', async () => {
    const run = session(['lesson', '1']);
    await run.waitFor(/page 1 of 2/);
    run.write(keys.enter);
    await run.waitFor(/Try exercise 1\.1 now\?/);
    run.write('n');
    run.write(keys.enter);
    await run.waitFor(/Take the quiz now\?/);
    run.write(keys.enter);
    await run.waitFor('哪个是正确的');
    run.write(keys.enter);
    await run.waitFor('因为');
    await run.waitFor(/page 2 of 2/);
    run.write('q');
    expect(await run.waitForExit()).toBe(0);
    expectFits(run.raw, 'reading lesson 1');
  });

  it('the sql> prompt: a result table of wide text fits (the typed statement itself may wrap)', async () => {
    const run = session(['sql']);
    await run.waitFor('sql>');
    run.write(`SELECT '${emoji}' AS e, '${cjk}' AS c, '${hebrew}' AS h, '${combining}' AS z;\r`);
    await run.waitFor('Zalgo');
    await run.waitFor('sql>');
    run.write('.quit\r');
    expect(await run.waitForExit()).toBe(0);
    // What the learner typed is echoed as typed; the terminal wraps it like any input line.
    expectFits(run.raw, 'sql>', (line) => line.startsWith('sql> ') || line.startsWith('...> '));
  });
});
