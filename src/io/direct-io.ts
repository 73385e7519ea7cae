// Reading and writing the standard streams through their file descriptors. process.stdin and
// process.stdout are stream objects whose first use loads Node's stream modules (and node:net
// for pipes): 5–10 ms, at the start of every quick command and of every SQL worker — more than
// the work they then do.
import { read, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Writes to stdout (fd 1) directly. If the descriptor is non-blocking and full (EAGAIN), the
 * rest of this and all later output goes through process.stdout, which waits, so that the
 * order is kept.
 */
export class DirectOutput {
  private viaStream = false;

  /** Writes the text; false when some of it went to process.stdout (then wait for it to drain). */
  write(text: string): boolean {
    if (this.viaStream) return (process.stdout.write(text), false);
    const bytes = Buffer.from(text);
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(1, bytes, written);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return true; // the reader has gone (`list | head -1`): nothing more to say
      if (code !== 'EAGAIN') throw error;
      this.viaStream = true;
      process.stdout.write(bytes.subarray(written));
      return false;
    }
  }
}

/** Calls onLine for every line read from stdin (fd 0), then onEnd at its end or on an error. */
export function readStdinLines(onLine: (line: string) => void, onEnd: () => void): void {
  const buffer = Buffer.alloc(64 * 1024);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const next = (): void =>
    read(0, buffer, 0, buffer.length, null, (error, bytes) => {
      if (error?.code === 'EAGAIN') {
        // stdin was left non-blocking by whoever opened it: look again shortly.
        setTimeout(next, 2);
        return;
      }
      if (error || bytes === 0) {
        pending += decoder.end();
        if (pending !== '') onLine(pending);
        onEnd();
        return;
      }
      pending += decoder.write(buffer.subarray(0, bytes));
      for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n')) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        onLine(line);
      }
      next();
    });
  next();
}
