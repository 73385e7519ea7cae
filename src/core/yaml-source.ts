import { LineCounter, parseDocument, isMap, isNode, isScalar, isSeq, type Document, type Node } from 'yaml';
import { PackFormatError } from '../errors.js';

export type YamlPath = readonly (string | number)[];

/**
 * A YAML snippet from a pack file (front matter, course.yaml or a fenced block) that remembers
 * where it came from, so every problem found in it can be reported as file:line.
 */
export class YamlSource {
  readonly value: unknown;
  private constructor(
    readonly file: string,
    /** Line in the file of the snippet's first line, 1-based. */
    private readonly firstLine: number,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    /** What the snippet is, for messages: "front matter", "quiz block". */
    readonly what: string,
  ) {
    this.value = doc.toJS({ maxAliasCount: 50 });
  }

  static parse(text: string, file: string, firstLine: number, what: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const error = doc.errors[0];
    if (error) {
      const line = error.pos ? lines.linePos(error.pos[0]).line : undefined;
      const detail = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
      throw new PackFormatError(
        file,
        line === undefined ? firstLine : firstLine + line - 1,
        `the ${what} is not valid YAML (${detail}) — check indentation, and quote text that contains ": " or starts with a special character`,
      );
    }
    try {
      return new YamlSource(file, firstLine, doc, lines, what);
    } catch (cause) {
      throw new PackFormatError(file, firstLine, `the ${what} could not be read (${(cause as Error).message})`);
    }
  }

  /**
   * The file line of what `path` names: a mapping key's own line (where an author looks for
   * "answer:"), a list item's line, or the nearest existing parent when the path is absent.
   */
  lineOf(path: YamlPath): number {
    let node: unknown = this.doc.contents;
    let line = this.lineOfNode(node) ?? this.firstLine;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        line = this.lineOfNode(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        node = node.items[segment];
        line = this.lineOfNode(node) ?? line;
      } else {
        break;
      }
    }
    return line;
  }

  /** A scalar exactly as written: `3.10` stays "3.10" and `007` stays "007". */
  sourceText(path: YamlPath): string | undefined {
    const node = this.doc.getIn(path, true);
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  }

  private lineOfNode(node: unknown): number | undefined {
    if (!isNode(node) || !(node as Node).range) return undefined;
    return this.firstLine + this.lines.linePos((node as Node).range![0]).line - 1;
  }

  fail(path: YamlPath, problem: string): never {
    throw new PackFormatError(this.file, this.lineOf(path), problem);
  }
}
