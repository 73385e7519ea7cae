// Line-by-line versions of the prompts, for terminals that cannot move the cursor (TERM=dumb,
// some editors' shells and screen readers): print the question, read one typed line.
import { createInterface } from 'node:readline';
import { InterruptedError } from '../errors.js';
import { wrapText } from './format.js';
import type { Choice, PageAction } from './prompts.js';

const wrap = (text: string) => wrapText(text, process.stdout.columns || 80);

/** Reads one line; Ctrl-C or end of input becomes an InterruptedError. */
function readLine(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once('SIGINT', () => rl.close());
    rl.once('close', () => {
      if (!answered) reject(new InterruptedError());
    });
    process.stdout.write(question);
  });
}

function listChoices<T>(choices: Choice<T>[]): void {
  choices.forEach((choice, index) => process.stdout.write(`${wrap(`  ${index + 1}) ${choice.name}`)}\n`));
}

function parseNumbers(text: string, count: number): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  const numbers = parts.map(Number);
  return numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= count) ? [...new Set(numbers)] : undefined;
}

export async function plainChooseOne<T>(message: string, choices: Choice<T>[]): Promise<T> {
  process.stdout.write(`${wrap(message)}\n`);
  listChoices(choices);
  for (;;) {
    const picked = parseNumbers(await readLine(`Type a number from 1 to ${choices.length}: `), choices.length);
    if (picked?.length === 1) return choices[picked[0]! - 1]!.value;
  }
}

export async function plainChooseMany(message: string, choices: Choice<string>[]): Promise<string[]> {
  process.stdout.write(`${wrap(message)}\n`);
  listChoices(choices);
  for (;;) {
    const picked = parseNumbers(await readLine('Type the numbers of every choice that applies, separated by spaces: '), choices.length);
    if (picked && picked.length > 0) return picked.sort((a, b) => a - b).map((n) => choices[n - 1]!.value);
  }
}

export function plainAskText(message: string): Promise<string> {
  return readLine(`${wrap(message)} `);
}

export async function plainConfirm(message: string, defaultValue: boolean): Promise<boolean> {
  for (;;) {
    const answer = (await readLine(`${message} ${defaultValue ? '(Y/n)' : '(y/N)'} `)).trim().toLowerCase();
    if (answer === '') return defaultValue;
    if (['y', 'yes'].includes(answer)) return true;
    if (['n', 'no'].includes(answer)) return false;
  }
}

export async function plainPageAction(message: string, canGoBack: boolean): Promise<PageAction> {
  for (;;) {
    const answer = (await readLine(`${message}: `)).trim().toLowerCase();
    if (answer === '' || answer === 'n') return 'next';
    if (canGoBack && (answer === 'b' || answer === 'p')) return 'back';
    if (answer === 'q') return 'quit';
  }
}
