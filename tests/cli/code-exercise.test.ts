// `backend-intro exercise N.M` for code exercises in a real terminal, on the verify-pack fixture:
// the starter written into the workspace, a wrong answer with its request and response, a fix
// and a pass saved to progress; the learner's file kept on a second run; --watch; $EDITOR.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, keys, killRunningPtys, progressJson, removeTempDirs, root, spawnPty, tempDir, type PtySession } from './pty-helpers.js';

beforeAll(ensureBuilt);
afterEach(killRunningPtys);
afterAll(removeTempDirs);

const pack = path.join(root, 'tests', 'fixtures', 'verify-pack');
const rightHello = "export default function (app) {\n  app.get('/hello', (req, res) => res.json({ message: 'hello' }));\n}\n";

function learner() {
  const home = tempDir();
  const workspace = tempDir();
  return { home, workspace, helloFile: path.join(workspace, 'code', 'hello-route.mjs'), doubleFile: path.join(workspace, 'code', 'double.mjs') };
}

function open(args: string[], who: ReturnType<typeof learner>, env: Record<string, string | undefined> = {}): PtySession {
  return spawnPty(args, { home: who.home, lessons: pack, cols: 100, env: { BACKEND_INTRO_WORKSPACE: who.workspace, EDITOR: undefined, VISUAL: undefined, ...env } });
}

describe('backend-intro exercise: an http exercise', () => {
  it('writes the starter, shows a wrong answer as request and response, then passes after a fix and saves it', async () => {
    const who = learner();
    const session = open(['exercise', '2.2'], who);
    await session.waitFor('Exercise 2.2 · hello-route');
    await session.waitFor('Answer GET /hello with');
    await session.waitFor('(the starter is in it)');
    expect(readFileSync(who.helloFile, 'utf8')).toContain('STARTER-HI');
    await session.waitFor('1. Check my answer');

    // The starter as it is: wrong.
    session.write(keys.enter);
    await session.waitFor('✗ Exercise 2.2 · hello-route: not yet');
    await session.waitFor('In the body, message is "STARTER-HI"; expected "hello".');
    await session.waitFor('curl -i http://127.0.0.1:3000/hello');
    await session.waitFor('> GET /hello HTTP/1.1');
    await session.waitFor('"message": "STARTER-HI"');
    await session.waitFor('1. Check my answer');

    // A hint, from the menu.
    session.write('2');
    session.write(keys.enter);
    await session.waitFor('XRAY-HINT');
    await session.waitFor('1. Check my answer');

    // The fix, saved as an editor would, then checked.
    writeFileSync(who.helloFile, rightHello);
    session.write('1');
    session.write(keys.enter);
    await session.waitFor('✓ Exercise 2.2 · hello-route: passed');
    await session.waitFor('YANKEE-EXPLAIN');
    await session.waitFor('Saved: exercise 2.2 is done.');
    expect(await session.waitForExit()).toBe(0);
    expect(progressJson(who.home, pack).lessons[1]).toMatchObject({ id: 'code', exercisesPassed: 1 });

    // A second run keeps the learner's file as it is.
    const again = open(['exercise', '2.2'], who);
    await again.waitFor('kept as you left it');
    await again.waitFor('You have passed this exercise already');
    await again.waitFor('1. Check my answer');
    again.write(keys.ctrlC);
    expect(await again.waitForExit()).toBe(130);
    expect(readFileSync(who.helloFile, 'utf8')).toBe(rightHello);
  });

  it('opens $EDITOR on the file when asked, and checks what the editor saved', async () => {
    const who = learner();
    const answer = path.join(who.home, 'right.mjs');
    writeFileSync(answer, rightHello);
    // An "editor" that replaces the file with the right answer, as a person would by typing.
    const session = open(['exercise', '2.2'], who, { EDITOR: `cp '${answer}'` });
    await session.waitFor(/Open it in cp .*\? \(Y\/n\)/);
    session.write(keys.enter);
    await session.waitFor('1. Check my answer');
    expect(readFileSync(who.helloFile, 'utf8')).toBe(rightHello);
    session.write(keys.enter);
    await session.waitFor('✓ Exercise 2.2 · hello-route: passed');
    expect(await session.waitForExit()).toBe(0);
  });
});

describe('backend-intro exercise --watch: a js exercise', () => {
  it('checks on every save until it passes', async () => {
    const who = learner();
    const session = open(['exercise', '2.1', '--watch'], who);
    await session.waitFor('(the starter is in it)');
    await session.waitFor(/Watching .*double\.mjs/);
    await session.waitFor('✗ Exercise 2.1 · double: not yet');
    await session.waitFor('Watching for your next save');
    expect(existsSync(who.doubleFile)).toBe(true);

    writeFileSync(who.doubleFile, 'export function double(n) { return n * 3; }\n');
    await session.waitFor('6 !== 4');
    await session.waitFor('Watching for your next save');

    writeFileSync(who.doubleFile, 'export function double(n) { return n * 2; }\n');
    await session.waitFor('✓ Exercise 2.1 · double: passed');
    await session.waitFor('Saved: exercise 2.1 is done.');
    expect(await session.waitForExit()).toBe(0);
  });
});
