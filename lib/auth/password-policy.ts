import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const PASSWORD_MIN_CHARACTERS = 8;
/** bcrypt reads 72 bytes; a longer password is refused rather than silently truncated. */
export const PASSWORD_MAX_BYTES = 72;

/** The rules as the forms show them next to a new-password field. */
export const PASSWORD_RULES_TEXT = `At least ${PASSWORD_MIN_CHARACTERS} characters and at most ${PASSWORD_MAX_BYTES} bytes (${PASSWORD_MAX_BYTES} plain letters or digits, fewer with accents or emoji), and not a commonly used password.`;

let commonPasswords: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(path.join(process.cwd(), 'lib/auth/data/common-passwords.txt'), 'utf8').split('\n').filter(Boolean),
  );
  return commonPasswords.has(password.toLowerCase());
}

export const passwordByteLength = (password: string) => Buffer.byteLength(password, 'utf8');

/** A new password: the rules are checked in the order a person can act on them. */
export const ZNewPassword = z
  .string()
  .superRefine((password, context) => {
    if ([...password].length < PASSWORD_MIN_CHARACTERS) {
      context.addIssue({ code: 'custom', message: `Use at least ${PASSWORD_MIN_CHARACTERS} characters.` });
    } else if (passwordByteLength(password) > PASSWORD_MAX_BYTES) {
      context.addIssue({
        code: 'custom',
        message: `Use at most ${PASSWORD_MAX_BYTES} bytes: that is 72 plain letters or digits, fewer with accents or emoji.`,
      });
    } else if (isCommonPassword(password)) {
      context.addIssue({ code: 'custom', message: 'This password is on a list of commonly used passwords. Please choose another.' });
    }
  });
