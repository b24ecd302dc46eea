/**
 * The CLI's error type and exit codes (README "Mã thoát"): every failure a user can meet ends with a Vietnamese
 * message that says what to do, and one of these codes, so scripts can tell them apart.
 */
export const EXIT = {
  /** The run finished (agencies may still be missing). */
  ok: 0,
  /** Wrong arguments, a plan that is not valid, an output refused: nothing was written. */
  usage: 1,
  /** An unexpected error (a bug): bin/tonghop.js. */
  unexpected: 2,
  /** The run finished but the folder was empty or no file in it was recognised as an agency's report. */
  nothingRecognised: 3,
  /** An output could not be written (disk full, permission, name too long): previous outputs are intact. */
  writeFailed: 4,
  /** Interrupted (Ctrl-C = SIGINT, kill = SIGTERM): temp files removed, previous outputs intact. */
  sigint: 130,
  sigterm: 143,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}
