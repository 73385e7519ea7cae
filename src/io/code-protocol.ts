// The messages between the tutorial and its code worker (src/code-worker.ts), a child process
// that runs learners' and packs' JavaScript: the mini server apps of `http` exercises and the
// tests of `js` exercises. Sent over the child-process IPC channel as JSON.
import type { OutgoingRequest } from '../core/http-transcript.js';
import type { CodeError, SourceLocation } from '../core/verdict.js';
import type { SendResult } from './http-client.js';

/** Whose code: the learner's file, or the pack's reference solution. */
export type CodeOwner = 'learner' | 'solution';

export type CodeJob =
  /** Loads `file`, calls its default export with a new app (and a db), and listens on 127.0.0.1. */
  | { kind: 'start-app'; owner: CodeOwner; file: string; seedFile?: string; port?: number; logRequests?: boolean }
  | { kind: 'stop-app'; owner: CodeOwner }
  /** Loads `file` and runs `tests` with `assert` and `mod` (its exports) in scope. */
  | { kind: 'run-tests'; owner: CodeOwner; file: string; tests: string }
  /**
   * Sends one request to an app on 127.0.0.1 (src/io/http-client.ts) and returns the response.
   * The worker sends it, not the tutorial: node:http is loaded there already, for the apps.
   */
  | { kind: 'send-request'; port: number; request: OutgoingRequest; timeoutMs: number };

export interface CodeRequest {
  id: number;
  job: CodeJob;
}

export type { CodeError, SourceLocation } from '../core/verdict.js';

export type CodeFailureKind =
  /** The file has a syntax error. */
  | 'syntax-error'
  /** The file threw while loading, or imports something missing. */
  | 'load-error'
  /** The file has no default export function (http) or exports nothing to test (js). */
  | 'bad-exports'
  /** The default export threw while setting up routes. */
  | 'setup-threw'
  /** A js exercise's tests failed an assertion or threw. */
  | 'tests-failed'
  /** A js exercise's tests awaited a promise that can never settle. */
  | 'never-settles'
  /** The code called process.exit(). */
  | 'exit-called'
  /** The code (or a file it reads) is missing. */
  | 'missing-file'
  /** `serve --port N`: something else listens there. */
  | 'port-in-use';

export interface CodeFailure {
  kind: CodeFailureKind;
  message: string;
  error?: CodeError;
}

export type CodeOutcome = { ok: true; port?: number; sent?: SendResult } | { ok: false; failure: CodeFailure };

export type CodeMessage =
  | { type: 'reply'; id: number; outcome: CodeOutcome }
  /** Something the code printed with console.*. */
  | { type: 'console'; owner: CodeOwner | undefined; stream: 'out' | 'err'; text: string }
  /** An error no error middleware handled (the app answered 500), or one thrown outside any handler. */
  | { type: 'code-error'; owner: CodeOwner | undefined; error: CodeError; during?: string }
  /** The code called process.exit(code); the worker refused and carried on. */
  | { type: 'exit-called'; owner: CodeOwner | undefined; code: number; location?: SourceLocation }
  /** With logRequests: a request the app answered (`serve` prints these), or has not answered after `ms` (unanswered). */
  | { type: 'request-log'; method: string; path: string; status: number; ms: number; unanswered?: true }
  | { type: 'pong' };

/** Sent by the tutorial to see whether the worker's event loop is free (else: a busy loop). */
export interface PingMessage {
  ping: true;
}
