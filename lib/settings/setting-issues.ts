import type { z } from 'zod';

/**
 * A person-readable message for one problem with a setting's value. zod's own wording ("Too small:
 * expected number to be >=13") is written for developers; a message a schema sets itself (a
 * refine) is kept as it is.
 */
export function settingIssueMessage(issue: z.core.$ZodIssue): string {
  const last = issue.path.at(-1);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'Enter a whole number.';
      if (issue.expected === 'number') return 'Enter a number.';
      return 'Enter a value.';
    case 'too_small':
      if (issue.origin === 'number') return `Enter ${String(issue.minimum)} or more.`;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'This cannot be empty.' : `Use at least ${String(issue.minimum)} characters.`;
      return `Give at least ${String(issue.minimum)}.`;
    case 'too_big':
      if (issue.origin === 'number') return `Enter ${String(issue.maximum)} or less.`;
      if (issue.origin === 'string') return `Use at most ${String(issue.maximum)} characters.`;
      return `At most ${String(issue.maximum)} entries.`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Enter an e-mail address, or leave it empty.';
      if (last === 'id') return 'Use lower-case letters, digits and _ only, starting with a letter (at most 32).';
      return 'This is not in the expected form.';
    case 'invalid_value':
      return 'Choose one of the options.';
    default:
      return issue.message;
  }
}
