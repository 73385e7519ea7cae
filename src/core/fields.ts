import type { YamlPath, YamlSource } from './yaml-source.js';

/** A readable id: letters, digits, '-' and '_', starting with a letter or digit. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Reads the fields of one YAML mapping (a front matter, an exercise, a quiz question) with the
 * checks every pack author benefits from: required fields, types, known keys. Each problem
 * throws a PackFormatError pointing at the offending line.
 */
export class FieldReader {
  private constructor(
    private readonly source: YamlSource,
    private readonly path: YamlPath,
    readonly raw: Record<string, unknown>,
    /** How messages name the mapping: "exercise 'cheap-books'", "quiz question 2". */
    private readonly label: string,
  ) {}

  static at(source: YamlSource, path: YamlPath, value: unknown, label: string): FieldReader {
    if (!isRecord(value)) {
      source.fail(path, `${label} must be a YAML mapping of "key: value" lines, but it is ${describe(value)}`);
    }
    return new FieldReader(source, path, value, label);
  }

  /** The file line where this mapping starts, or where one of its keys is. */
  line(key?: string): number {
    return this.source.lineOf(key === undefined ? this.path : [...this.path, key]);
  }

  fail(key: string | undefined, problem: string): never {
    this.source.fail(key === undefined ? this.path : [...this.path, key], `${this.label}: ${problem}`);
  }

  /** Fails at a deeper place, such as one item of a list: ['requests', 2]. */
  failAt(subPath: YamlPath, problem: string): never {
    this.source.fail([...this.path, ...subPath], `${this.label}: ${problem}`);
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  /** Rejects keys outside `known`, which catches typos such as `hint:` for `hints:`. */
  allowOnly(known: readonly string[]): void {
    for (const key of Object.keys(this.raw)) {
      if (!known.includes(key)) {
        this.fail(key, `unknown field "${key}" — the fields allowed here are: ${known.join(', ')}`);
      }
    }
  }

  /** A scalar as text; numbers and booleans are accepted because YAML reads `3000` as a number. */
  text(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (!isScalar(value)) this.fail(key, `"${key}" must be text, but it is ${describe(value)}`);
    return this.asWritten([key], value);
  }

  requiredText(key: string, example: string): string {
    const value = this.text(key);
    if (value === undefined || value.trim() === '') {
      this.fail(key, `"${key}" is required — for example ${example}`);
    }
    return value;
  }

  id(key: string, example: string): string {
    const value = this.requiredText(key, example);
    if (!idPattern.test(value)) {
      this.fail(key, `"${key}" must be letters, digits, "-" or "_" (got "${value}") — for example ${example}`);
    }
    return value;
  }

  textList(key: string): string[] | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) this.fail(key, `"${key}" must be a list (lines starting with "- "), but it is ${describe(value)}`);
    return value.map((item, index) => {
      if (!isScalar(item)) this.source.fail([...this.path, key, index], `${this.label}: item ${index + 1} of "${key}" must be text, but it is ${describe(item)}`);
      return this.asWritten([key, index], item);
    });
  }

  positiveNumber(key: string, { integer }: { integer: boolean }): number | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !(value > 0) || (integer && !Number.isInteger(value))) {
      this.fail(key, `"${key}" must be a positive ${integer ? 'whole ' : ''}number, but it is ${describe(value)}`);
    }
    return value;
  }

  oneOf<T extends string>(key: string, options: readonly T[], fallback: T): T {
    const value = this.text(key);
    if (value === undefined) return fallback;
    if (!(options as readonly string[]).includes(value)) {
      this.fail(key, `"${key}" must be one of ${options.map((o) => `"${o}"`).join(', ')} (got "${value}")`);
    }
    return value as T;
  }

  /** Numbers and booleans read back as the author typed them, not as JavaScript prints them. */
  private asWritten(subPath: YamlPath, value: string | number | boolean): string {
    return typeof value === 'string' ? value : (this.source.sourceText([...this.path, ...subPath]) ?? String(value));
  }

  mapping(key: string): FieldReader | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    return FieldReader.at(this.source, [...this.path, key], value, `${this.label}, "${key}"`);
  }

  /** The raw value of a list field with a reader-friendly error when it is not a list. */
  list(key: string, example: string): unknown[] {
    const value = this.raw[key];
    if (!Array.isArray(value) || value.length === 0) {
      this.fail(key, `"${key}" must be a non-empty list — for example ${example}`);
    }
    return value;
  }

  child(path: YamlPath, value: unknown, label: string): FieldReader {
    return FieldReader.at(this.source, [...this.path, ...path], value, label);
  }
}
