// The only importer of marked and marked-terminal: turning lesson Markdown into terminal text.
// Loaded only by commands that render lessons, because it is the heaviest part of the tool.
import chalk from 'chalk';
import { Marked, type Token, type Tokens } from 'marked';
import { markedTerminal } from 'marked-terminal';
import { wrapAnsi } from 'fast-wrap-ansi';
import { neutralize, stripAnsi, visibleWidth, type Screen } from './terminal.js';

const maxReadingWidth = 100;

export interface MarkdownRenderer {
  render(markdown: string): string;
}

export function createMarkdownRenderer(screen: Screen): MarkdownRenderer {
  const width = Math.min(screen.columns - 1, maxReadingWidth);
  const plain = (text: string) => text;
  const styles = screen.color
    ? {
        firstHeading: chalk.bold.cyan,
        heading: chalk.bold.cyan,
        strong: chalk.bold,
        em: chalk.italic,
        codespan: chalk.yellow,
        code: chalk.reset,
        blockquote: chalk.gray.italic,
        link: chalk.blue,
        href: chalk.blue.underline,
        // marked-terminal's default for these wraps every source line in reset codes, which
        // throws off its own reflow; plain text needs no styling anyway.
        paragraph: plain,
        listitem: plain,
        text: plain,
      }
    : Object.fromEntries(['firstHeading', 'heading', 'strong', 'em', 'codespan', 'code', 'blockquote', 'link', 'href', 'del', 'hr', 'listitem', 'table', 'paragraph', 'html'].map((key) => [key, plain]));
  const terminal = markedTerminal(
    {
      ...styles,
      width,
      // marked-terminal's own reflow counts UTF-16 units: it cut emoji in half (showing "�")
      // and let CJK text run to twice the width. Paragraphs and headings are wrapped by
      // reflowed() below instead, by columns on screen.
      reflowText: false,
      // Without colour a heading would look like any other line: keep its "##" marker.
      showSectionPrefix: !screen.color,
      emoji: false,
      tab: 2,
      unescape: true,
      tableOptions: screen.color ? {} : { style: { head: [], border: [] } },
    },
    { ignoreIllegals: true } as never,
  ) as unknown as { renderer: Record<string, (this: unknown, ...args: unknown[]) => string> };
  for (const name of ['paragraph', 'heading']) {
    const render = terminal.renderer[name]!;
    terminal.renderer[name] = function (this: unknown, ...args: unknown[]) {
      return reflowed(render.apply(this, args), width);
    };
  }
  // A hard line break (two spaces or a backslash at a line's end) survives the reflow.
  terminal.renderer.br = () => hardBreak;
  const marked = new Marked(terminal as never);
  // marked-terminal renders a tight list item's text raw (no bold, no code spans): parse its
  // inline tokens like a paragraph's, and join its source lines so wrapListItems can reflow
  // it. Returning false hands every other case back to marked-terminal.
  marked.use({
    renderer: {
      text(token) {
        return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens).replace(/\s*\n\s*/g, ' ') : false;
      },
      // Lists are laid out here rather than by marked-terminal, which numbers the bullets of a
      // list nested in a numbered one, and leaves the items of a loose list (blank lines between
      // items) broken mid-sentence. One line per item, its text joined; wrapListItems wraps it.
      list(token) {
        const inline = (child: Token) => ('tokens' in child && child.tokens ? this.parser.parseInline(child.tokens) : child.raw).replace(/\s*\n\s*/g, ' ').trim();
        const start = typeof token.start === 'number' ? token.start : 1;
        const lines = token.items.flatMap((item, index) => {
          const marker = token.ordered ? `${start + index}.` : '*';
          const out: string[] = [];
          let text = '';
          for (const child of item.tokens) {
            if (child.type === 'text' || child.type === 'paragraph') {
              // The item's first paragraph follows its marker; later ones stand below it, marked
              // for wrapListItems to wrap under the item's text.
              if (text === '') text = inline(child);
              else out.push('', `${continuation}${inline(child)}`);
            } else if (child.type === 'list') out.push(...this.list(child as Tokens.List).split('\n').filter((line) => line !== ''));
            else if (child.type !== 'space') out.push('', ...this.parser.parse([child]).trimEnd().split('\n').map((line) => `  ${line}`));
          }
          const markerLine = `${marker} ${text}`;
          // Nested lists and blocks sit under the item's text, indented by its marker.
          return [markerLine, ...out.map((line) => (line === '' ? '' : `${' '.repeat(marker.length - 1)}${line}`))];
        });
        // marked-terminal hides colons in code spans behind a placeholder until its own block
        // renderers put them back; this block renderer is ours, so it puts them back itself.
        return `${lines.map((line) => (line === '' ? '' : `  ${line}`.replaceAll('*#COLON|*', ':'))).join('\n')}\n\n`;
      },
    },
  });
  return {
    render(markdown: string): string {
      const parsed = marked.parse(neutralize(markdown), { async: false }) as string;
      // A hard break outside a paragraph (in a list item, a table cell) reads as a space.
      const rendered = wrapListItems(parsed.replaceAll(hardBreak, ' '), width).replace(/\n{3,}/g, '\n\n').trimEnd();
      // Highlighting runs through a second colour library; strip whatever it added when colour is off.
      return screen.color ? rendered : stripAnsi(rendered);
    },
  };
}

/** Marks a hard line break until reflowed() has wrapped its paragraph (pack text cannot hold it: neutralize() shows it as ^K). */
const hardBreak = '\u000b';

/** A rendered paragraph or heading as one line per hard break, each wrapped to `width` columns. */
function reflowed(rendered: string, width: number): string {
  const lines = rendered
    .replace(/\n+$/, '')
    .split(hardBreak)
    .map((part) => wrapAnsi(part.replace(/[ \t]*\n[ \t]*/g, ' '), width, { hard: true, trim: true }));
  return `${lines.join('\n')}\n\n`;
}

const listItemStart = /^(\s*(?:\*|\d+\.)\s+)/;
/** Starts a later paragraph of a list item (a private-use character, removed when wrapped). */
const continuation = '\uE000';

/** marked-terminal does not reflow list items; wrap them with a hanging indent under the text. */
function wrapListItems(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const plainLine = stripAnsi(line);
      const paragraph = line.indexOf(continuation);
      if (paragraph !== -1) {
        const indent = ' '.repeat(paragraph + 2);
        return wrapAnsi(line.slice(paragraph + 1), width - indent.length, { hard: true, trim: true })
          .split('\n')
          .map((part) => indent + part)
          .join('\n');
      }
      const bullet = listItemStart.exec(plainLine);
      if (!bullet || visibleWidth(plainLine) <= width) return line;
      // The bullet is plain text at the start of the line (styles come after it).
      const prefix = bullet[1]!;
      const indent = ' '.repeat(prefix.length);
      return wrapAnsi(line.slice(line.indexOf(prefix) + prefix.length), width - prefix.length, { hard: true, trim: true })
        .split('\n')
        .map((part, index) => (index === 0 ? prefix : indent) + part)
        .join('\n');
    })
    .join('\n');
}
