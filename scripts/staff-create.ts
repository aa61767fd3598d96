import { runScript } from './run-script';
import { terminalPrompts, type TPrompts } from './terminal-prompts';

/**
 * Creates a staff account:  npm run staff:create
 * Asks the e-mail address, full name, role and the password twice (not echoed). The password is
 * never taken from an argument or the environment, so it stays out of the shell's history and
 * process list. Piped, it reads the same answers line by line from stdin. The new staff member
 * sets up their PIN and authenticator at their first sign-in.
 */
runScript(async () => {
  const { ZStaffAccount } = await import('@/lib/staff/create-staff-account');
  const { staffRoleLabels, staffRoles, rolePermissions } = await import('@/lib/staff/permissions');
  type TRole = (typeof staffRoles)[number];

  const prompts = terminalPrompts();
  let answers: { email: string; fullName: string; role: TRole; password: string };
  try {
    const email = await askUntilValid(prompts, 'E-mail address: ', (value) => ZStaffAccount.shape.email.safeParse(value));
    const fullName = await askUntilValid(prompts, 'Full name: ', (value) => ZStaffAccount.shape.fullName.safeParse(value));
    console.log('Roles:');
    staffRoles.forEach((role, index) => console.log(`  ${index + 1}) ${role.padEnd(16)} ${staffRoleLabels[role]}: ${rolePermissions[role].join(', ')}`));
    const role = await askUntilValid(prompts, `Role (1-${staffRoles.length} or its name): `, (value) => {
      const chosen = /^\d+$/.test(value) ? staffRoles[Number(value) - 1] : value;
      return ZStaffAccount.shape.role.safeParse(chosen);
    });
    const password = await askPassword(prompts, (value) => ZStaffAccount.shape.password.safeParse(value));
    answers = { email, fullName, role, password };
  } finally {
    prompts.close();
  }

  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  try {
    await migrateDatabase(database.url);
    const { db, closeDatabase } = await import('@/lib/db/client');
    const { createStaffAccount } = await import('@/lib/staff/create-staff-account');
    const { AppError } = await import('@/lib/errors');
    const { serverEnv } = await import('@/lib/env');
    try {
      const { userId } = await createStaffAccount(db, answers);
      console.log(`Created staff account ${userId} (${answers.role}).`);
      console.log(`The PIN and the authenticator app are set up at the first sign-in at ${serverEnv().APP_URL}/staff/login.`);
    } catch (error) {
      if (error instanceof AppError) throw new Error(error.userMessage);
      throw error;
    } finally {
      await closeDatabase();
    }
  } finally {
    await database.stop();
  }
});

type TCheck<T> = (value: string) => { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };

/** On a terminal a refused answer is asked again; piped, it ends the command with the reason. */
async function askUntilValid<T>(prompts: TPrompts, question: string, check: TCheck<T>): Promise<T> {
  for (;;) {
    const result = check(await prompts.ask(question));
    if (result.success) return result.data;
    const reason = result.error.issues[0]?.message ?? 'Not a valid answer.';
    if (!prompts.interactive) throw new Error(`${question.replace(/:\s*$/, '')}: ${reason}`);
    console.log(reason);
  }
}

async function askPassword(prompts: TPrompts, check: TCheck<string>): Promise<string> {
  for (;;) {
    const password = await prompts.askHidden('Password: ');
    const result = check(password);
    const again = result.success ? await prompts.askHidden('Password again: ') : '';
    // The reason is printed, never the password.
    const reason = !result.success ? (result.error.issues[0]?.message ?? 'Not a valid password.') : again !== password ? 'The two passwords differ.' : null;
    if (reason === null) return password;
    if (!prompts.interactive) throw new Error(`Password: ${reason}`);
    console.log(reason);
  }
}
