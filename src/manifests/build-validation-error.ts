import { ValidationError, type ValidationIssue } from '../core/sync-error.js';

/** How many issues a {@link ValidationError} message lists; `issues` always has them all. */
export const MAX_LISTED_ISSUES = 50;

/**
 * Turns the issues found in a desired set into one {@link ValidationError}: `code`, `ref` and
 * `source` of the first issue; the message is the issue's message when there is one, else
 * `N problems in the desired set:` followed by one line per issue (at most
 * {@link MAX_LISTED_ISSUES}).
 */
export function buildValidationError(issues: readonly ValidationIssue[]): ValidationError {
  const first = issues[0];
  if (!first) throw new RangeError('buildValidationError needs at least one issue');
  let message = first.message;
  if (issues.length > 1) {
    const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `  - ${i.code}: ${i.message}`);
    if (issues.length > MAX_LISTED_ISSUES) listed.push(`  - ... and ${issues.length - MAX_LISTED_ISSUES} more (see error.issues)`);
    message = `${issues.length} problems in the desired set:\n${listed.join('\n')}`;
  }
  return new ValidationError(first.code, message, {
    issues,
    ...(first.ref ? { ref: first.ref } : {}),
    ...(first.source ? { source: first.source } : {}),
  });
}
