/** One thing wrong with a definition: where, what, and how to fix it. */
export interface ValidationError {
  /** Field path, e.g. `organization.ous[2].accounts[0].email` (empty for the whole document). */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

/** `path: message — fix`, the one-line form used in every report. */
export function formatError(error: ValidationError): string {
  const where = error.path === '' ? '(document)' : error.path;
  return `${where}: ${error.message} — ${error.fix}`;
}

/** Thrown where a caller needs a valid definition and there is none. */
export class LandingZoneValidationError extends Error {
  constructor(
    public readonly errors: readonly ValidationError[],
    /** What has the errors: a file, or the definition. */
    public readonly source = 'the landing-zone definition',
  ) {
    super(
      `${source} has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n` +
        errors.map((e) => `  ${formatError(e)}`).join('\n'),
    );
    this.name = 'LandingZoneValidationError';
    // A user's mistake, not a program fault: the stack would only hide the list.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Joins path segments: `a` + `b` → `a.b`; `a` + 2 → `a[2]`. */
export function joinPath(base: string, segment: string | number): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  const key = /^[A-Za-z_$][\w$-]*$/.test(segment) ? segment : JSON.stringify(segment);
  return base === '' ? key : `${base}.${key}`;
}

/** The closest candidate within a small edit distance, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

export function didYouMean(word: string, candidates: readonly string[]): string {
  const guess = closest(word, candidates);
  return guess ? `did you mean '${guess}'?` : `use one of: ${candidates.join(', ')}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * A mistake the user can correct, other than in the definition (a lock file edited by hand, an output folder that
 * cannot be written): where, what and the fix. The CLI prints it once, without a stack trace, and exits with 1.
 */
export class UserError extends Error {
  constructor(
    public readonly where: string,
    public readonly problem: string,
    public readonly fix: string,
  ) {
    super(`${where}: ${problem} — ${fix}`);
    this.name = 'UserError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Whether an error is the user's to correct (`UserError`, `LandingZoneValidationError`), not a fault of Landfall. */
export function isUserError(error: unknown): error is UserError | LandingZoneValidationError {
  // By name too: a second copy of this package (another version installed beside it) has other classes.
  const name = (error as { name?: unknown } | undefined)?.name;
  return (
    error instanceof UserError ||
    error instanceof LandingZoneValidationError ||
    name === 'UserError' ||
    name === 'LandingZoneValidationError'
  );
}
