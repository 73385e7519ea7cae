// Recognises the few command lines the quick path answers (src/quick.ts, src/quick-verify.ts):
// `--version`, `list`, `progress`, `lesson <n> --print` and `verify <id> [file]`, in their plain forms. Everything else — help, errors,
// options after the command, anything unusual — is left to the full command line (src/cli.ts),
// so the two can never disagree about what a command line means. Each recognised form reads
// exactly as commander reads it; tests/cli/quick-path.test.ts runs both and compares.

export interface QuickGlobals {
  lessonsDir?: string;
  dataDir?: string;
  workspace?: string;
  color: boolean;
}

export type QuickCommand =
  | { name: 'version' }
  | { name: 'list' | 'progress'; json: boolean; globals: QuickGlobals }
  | { name: 'lesson --print'; lesson: string; globals: QuickGlobals }
  | { name: 'verify'; id: string; file?: string; json: boolean; globals: QuickGlobals };

/** The global options that take a value, with the environment variable each falls back to. */
const valueOptions: Record<string, { key: 'lessonsDir' | 'dataDir' | 'workspace'; env: string }> = {
  '--lessons-dir': { key: 'lessonsDir', env: 'BACKEND_INTRO_LESSONS' },
  '--data-dir': { key: 'dataDir', env: 'BACKEND_INTRO_HOME' },
  '--workspace': { key: 'workspace', env: 'BACKEND_INTRO_WORKSPACE' },
};

/** The command line's meaning when it is one the quick path answers; undefined otherwise. */
export function parseQuickCommand(args: readonly string[], env: Readonly<Record<string, string | undefined>>): QuickCommand | undefined {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) return { name: 'version' };
  const globals: QuickGlobals = { color: true };
  const seen = new Set<string>();
  let index = 0;
  // Global options come first; a repeated or unusual one is the full parser's business.
  for (; index < args.length; index++) {
    const arg = args[index]!;
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    if (seen.has(flag)) return undefined;
    if (flag === '--no-color' && equals === -1) {
      globals.color = false;
    } else if (Object.hasOwn(valueOptions, flag)) {
      const value = equals === -1 ? args[++index] : arg.slice(equals + 1);
      if (value === undefined || value === '' || value.startsWith('-')) return undefined;
      globals[valueOptions[flag]!.key] = value;
    } else {
      break;
    }
    seen.add(flag);
  }
  // As commander does: an option not given takes its environment variable's value, even empty.
  for (const [flag, { key, env: variable }] of Object.entries(valueOptions)) {
    if (!seen.has(flag) && env[variable] !== undefined) globals[key] = env[variable];
  }
  const [command, ...rest] = args.slice(index);
  if (command === 'list' || command === 'progress') {
    if (rest.length === 0) return { name: command, json: false, globals };
    if (rest.length === 1 && rest[0] === '--json') return { name: command, json: true, globals };
    return undefined;
  }
  if (command === 'lesson' || command === 'start') {
    const [lesson, ...others] = rest.filter((word) => word !== '--print');
    if (rest.length !== 2 || others.length > 0 || lesson === undefined || lesson.startsWith('-')) return undefined;
    return { name: 'lesson --print', lesson, globals };
  }
  if (command === 'verify') {
    const json = rest.filter((word) => word === '--json').length;
    const [id, file, ...others] = rest.filter((word) => word !== '--json');
    if (json > 1 || others.length > 0 || id === undefined || [id, file].some((word) => word?.startsWith('-'))) return undefined;
    return { name: 'verify', id, ...(file === undefined ? {} : { file }), json: json === 1, globals };
  }
  return undefined;
}
