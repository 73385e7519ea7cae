// How a worker process learns that it is a spare (src/io/spare-server.ts): `--spare <socket>`
// first on its command line, then what that kind of worker wants to prepare while it waits.
// Apart from the spare server, so that a worker that is not a spare loads none of it.

/** `--spare <socket> [more…]` on the worker's command line: the socket, and what follows it. */
export function spareArguments(argv: readonly string[] = process.argv.slice(2)): { socketPath: string; rest: string[] } | undefined {
  return argv[0] === '--spare' && argv[1] ? { socketPath: argv[1], rest: argv.slice(2) } : undefined;
}
