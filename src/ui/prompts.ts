// The one module that talks to @inquirer: every question the tool asks goes through here, so
// Ctrl-C handling, numbering and theming are decided once.
import checkbox from '@inquirer/checkbox';
import inquirerConfirm from '@inquirer/confirm';
import input from '@inquirer/input';
import select from '@inquirer/select';
import { createPrompt, isEnterKey, makeTheme, useKeypress, usePrefix, useState } from '@inquirer/core';
import chalk from 'chalk';
import { InterruptedError } from '../errors.js';
import { wrapText } from './format.js';
import { plainAskText, plainChooseMany, plainChooseOne, plainConfirm, plainPageAction } from './plain-prompts.js';

const same = (text: string) => text;

/**
 * The prompts' look, decided when each prompt is asked (colour may be switched off after this
 * module loads). After answering, a neutral mark: inquirer's default tick would read as
 * "correct" in a quiz. Without colour every style is plain text: inquirer colours through
 * node:util, which on Node 20 ignores NO_COLOR.
 */
interface PromptTheme {
  prefix: { idle: string; done: string };
  style: {
    keysHelpTip: (keys: [string, string][]) => string;
    answer?: (text: string) => string;
    message?: (text: string) => string;
    error?: (text: string) => string;
    defaultAnswer?: (text: string) => string;
    help?: (text: string) => string;
    highlight?: (text: string) => string;
    key?: (text: string) => string;
    description?: (text: string) => string;
    disabled?: (text: string) => string;
  };
}

function theme(): PromptTheme {
  const columns = process.stdout.columns || 80;
  const keysHelpTip = (keys: [string, string][]) => chalk.dim(wrapText(keys.map(([key, action]) => `${key} ${action}`).join(' · '), columns));
  if (chalk.level > 0) return { prefix: { idle: chalk.cyan('?'), done: chalk.dim('›') }, style: { keysHelpTip } };
  const plainStyles = { answer: same, message: same, help: same, highlight: same, key: same, description: same, disabled: same };
  return {
    prefix: { idle: '?', done: '›' },
    style: { ...plainStyles, keysHelpTip, error: (text) => `> ${text}`, defaultAnswer: (text) => `(${text})` },
  };
}

/** Questions are wrapped to the screen here: inquirer would cut them mid-word. */
function fitted(message: string): string {
  return wrapText(message, (process.stdout.columns || 80) - 2);
}

/** Terminals that cannot move the cursor get line-by-line prompts instead. */
const plain = () => process.env.TERM === 'dumb';

export interface Choice<T> {
  name: string;
  value: T;
  /** What stays on screen after answering, when it should differ from the name. */
  short?: string;
  description?: string;
  disabled?: boolean | string;
}

/** Ctrl-C or a closed terminal inside any prompt becomes one InterruptedError (exit 130). */
async function guarded<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') throw new InterruptedError();
    throw error;
  }
}

/** Pick one. Choices are numbered; typing a number jumps to it, for terminals without arrow keys. */
export function chooseOne<T>(message: string, choices: Choice<T>[], { numbered = true }: { numbered?: boolean } = {}): Promise<T> {
  if (plain()) return plainChooseOne(message, choices);
  return guarded(
    select<T>({
      message: fitted(message),
      choices,
      loop: false,
      pageSize: Math.max(5, Math.min(choices.length, (process.stdout.rows ?? 24) - 6)),
      theme: { ...theme(), indexMode: numbered ? 'number' : 'hidden' },
    }),
  );
}

/** Pick all that apply: space (or the choice's number) toggles, Enter confirms. */
export function chooseMany(message: string, choices: Choice<string>[]): Promise<string[]> {
  if (plain()) return plainChooseMany(message, choices);
  process.stdout.write(`${chalk.dim(fitted('Choose all that apply: space or a number toggles a choice, Enter confirms.'))}\n`);
  return guarded(
    checkbox<string>({
      message: fitted(message),
      required: true,
      // Numbered in the list; the plain name is what stays on screen after answering.
      choices: choices.map((choice, index) => ({ ...choice, name: `${index + 1}. ${choice.name}`, short: choice.name })),
      loop: false,
      pageSize: Math.max(5, Math.min(choices.length, (process.stdout.rows ?? 24) - 6)),
      theme: { ...theme(), ...(chalk.level > 0 ? {} : { icon: { checked: '[x]', unchecked: '[ ]' } }) },
    }),
  );
}

export function askText(message: string): Promise<string> {
  if (plain()) return plainAskText(message);
  return guarded(input({ message: fitted(message), required: true, theme: theme() }));
}

export function confirm(message: string, defaultValue = true): Promise<boolean> {
  if (plain()) return plainConfirm(message, defaultValue);
  return guarded(inquirerConfirm({ message: fitted(message), default: defaultValue, theme: theme() }));
}

export type PageAction = 'next' | 'back' | 'quit';

interface PageKeysConfig {
  message: string;
  canGoBack: boolean;
  theme: PromptTheme;
}

/**
 * A one-key prompt for paging: Enter, space, n or → for next; b, p or ← for back; q or Esc to
 * stop reading. No Enter needed, so reading feels like a pager.
 */
const pageKeys = createPrompt<PageAction, PageKeysConfig>((config, done) => {
  const [answered, setAnswered] = useState(false);
  const prefix = usePrefix({ status: answered ? 'done' : 'idle', theme: makeTheme({ prefix: config.theme.prefix }) });
  useKeypress((key, rl) => {
    rl.clearLine(0);
    const name = key.name ?? '';
    const choose = (action: PageAction) => {
      setAnswered(true);
      done(action);
    };
    if (isEnterKey(key) || ['space', 'n', 'right', 'pagedown', 'j'].includes(name)) choose('next');
    else if (config.canGoBack && ['b', 'p', 'left', 'pageup', 'k'].includes(name)) choose('back');
    else if (['q', 'escape'].includes(name)) choose('quit');
  });
  return answered ? '' : `${prefix} ${config.message}`;
});

export function pageAction(message: string, canGoBack: boolean): Promise<PageAction> {
  if (plain()) return plainPageAction(message, canGoBack);
  return guarded(pageKeys({ message, canGoBack, theme: theme() }, { clearPromptOnDone: true }));
}
