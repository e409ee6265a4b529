/** A user error (bad file, bad argument): one line on stderr and exit code 2, never a stack trace. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function lineError(file: string, line: number, message: string): UsageError {
  return new UsageError(`${file}:${line}: ${message}`);
}
