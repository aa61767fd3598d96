/**
 * The action wrapper (lib/actions), against real sessions in PostgreSQL. Only Next's request
 * cookies are stood in for: outside a request, next/headers has no cookie jar, so the jar below
 * holds the session cookie a browser would send (a real token of a real session row).
 */
import { redirect } from 'next/navigation';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { customerActionClient, publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { encodeSessionToken, sessionCookie } from '@/lib/auth/sessions/session-cookie';
import { closeDatabase } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { createSignedInCustomer } from '../../helpers/actor-factory';
import { formData } from '../../helpers/form-data';

const cookieJar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined),
    set: (name: string, value: string) => cookieJar.set(name, value),
    delete: (name: string) => cookieJar.delete(name),
  }),
  headers: async () => new Headers(),
}));


/** Where a thrown Next redirect() goes (its digest is `NEXT_REDIRECT;type;url;status;`), or null for anything else. */
const redirectTarget = (error: unknown): string | null => {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT;') ? digest.split(';')[2]! : null;
};

/** The error a call threw, or null if it returned. */
const thrownBy = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

const ZName = z.object({ name: z.string().trim().min(1, 'Enter a name.'), password: z.string().min(8, 'Eight characters at least.') });

let logged: string[];
beforeEach(() => {
  cookieJar.clear();
  vi.stubEnv('STOCKROOM_LOG_LEVEL', 'info');
  logged = [];
  for (const level of ['log', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...parts: unknown[]) => void logged.push(parts.join(' ')));
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await closeDatabase();
});

async function signInBrowser() {
  const customer = await createSignedInCustomer();
  cookieJar.set(sessionCookie().name, await encodeSessionToken(customer.token, new Date(Date.now() + 3_600_000)));
  return customer;
}

describe('customer actions', () => {
  const handler = vi.fn(async ({ ctx }: { ctx: { actor: { userId: string } } }) => ({ message: `hello ${ctx.actor.userId}` }));
  const schemaChecked = vi.fn((value: unknown) => value);
  const action = formAction(
    customerActionClient
      .metadata({ name: 'test.customer-action', signInReturnTo: '/account/details' })
      .inputSchema(formInput(z.object({ note: z.string().transform(schemaChecked) })))
      .action(handler),
  );

  afterEach(() => {
    handler.mockClear();
    schemaChecked.mockClear();
  });

  it('refuses a caller without a session: to the sign-in page, before the input is parsed or the code runs', async () => {
    const error = await thrownBy(action(INITIAL_FORM_STATE, formData({ note: 'hi' })));

    expect(redirectTarget(error)).toBe(`/login?${new URLSearchParams({ reason: 'sign-in-required', next: '/account/details' })}`);
    expect(schemaChecked).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
    expect(logged).toContainEqual(expect.stringMatching(/^\[action\] test\.customer-action navigated in \d+ ms$/));
  });

  it('refuses a forged or ended session the same way', async () => {
    cookieJar.set(sessionCookie().name, 'not-a-token');
    expect(redirectTarget(await thrownBy(action(INITIAL_FORM_STATE, formData({ note: 'hi' }))))).toMatch(/^\/login\?reason=sign-in-required&/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('gives the code the actor of the signed-in customer', async () => {
    const { userId } = await signInBrowser();
    const state = await action(INITIAL_FORM_STATE, formData({ note: 'hi' }));

    expect(state).toEqual({ ok: true, message: `hello ${userId}` });
    expect(handler).toHaveBeenCalledOnce();
    expect(handler.mock.calls[0]![0]).toMatchObject({ parsedInput: { note: 'hi' }, ctx: { actor: { kind: 'customer', userId } } });
    expect(logged).toContainEqual(expect.stringMatching(/^\[action\] test\.customer-action succeeded in \d+ ms$/));
  });
});

describe('input', () => {
  const handler = vi.fn(async () => ({}));
  const action = formAction(
    publicActionClient.metadata({ name: 'test.parse-input' }).inputSchema(formInput(ZName)).action(handler),
    { keep: () => true },
  );

  afterEach(() => handler.mockClear());

  it('answers invalid input with its field errors, keeps what was typed but never a password, and runs nothing', async () => {
    const state = await action(INITIAL_FORM_STATE, formData({ name: '   ', password: 'short', other: 'x' }));

    expect(state).toEqual({
      ok: false,
      error: 'Please correct the marked fields.',
      fieldErrors: { name: 'Enter a name.', password: 'Eight characters at least.' },
      values: { name: '   ', other: 'x' },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(logged).toContainEqual(expect.stringMatching(/^\[action\] test\.parse-input invalid-input in \d+ ms$/));
  });

  it('refuses input that is not a form', async () => {
    const state = await formAction(
      publicActionClient.metadata({ name: 'test.parse-input' }).inputSchema(formInput(ZName)).action(handler),
    )(INITIAL_FORM_STATE, 'name=x' as unknown as FormData);
    expect(state).toMatchObject({ ok: false, error: 'Please correct the marked fields.' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('hands the code the parsed values', async () => {
    await action(INITIAL_FORM_STATE, formData({ name: '  Ada ', password: 'long enough' }));
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ parsedInput: { name: 'Ada', password: 'long enough' } }));
  });
});

describe('errors', () => {
  const failing = (name: string, error: () => never, keep?: (field: string) => boolean) =>
    formAction(
      publicActionClient
        .metadata({ name })
        .inputSchema(formInput(z.object({ email: z.string() })))
        .action(async () => error()),
      { keep },
    );

  it('answers an AppError with its own message and field errors', async () => {
    const action = failing(
      'test.app-error',
      () => {
        throw new AppError('CONFLICT', 'That address is taken.', { email: 'Choose another address.' });
      },
      (field) => field === 'email',
    );
    const state = await action(INITIAL_FORM_STATE, formData({ email: 'ada@example.test' }));

    expect(state).toEqual({ ok: false, error: 'That address is taken.', fieldErrors: { email: 'Choose another address.' }, values: { email: 'ada@example.test' } });
    expect(logged).toContainEqual(expect.stringMatching(/^\[action\] test\.app-error failed in \d+ ms$/));
    expect(logged.filter((line) => line.startsWith('[error]'))).toEqual([]);
  });

  it('answers an unexpected error with the generic message and logs it without its message or parameters', async () => {
    const action = failing('test.unexpected-error', () => {
      throw Object.assign(new Error('duplicate key value violates unique constraint, params: ada@example.test,$2b$10$hash'), { code: '23505' });
    });
    const state = await action(INITIAL_FORM_STATE, formData({ email: 'ada@example.test' }));

    expect(state).toEqual({ ok: false, error: 'Something went wrong on our side. Please try again in a moment.', fieldErrors: {}, values: {} });
    const errorLines = logged.filter((line) => line.startsWith('[error]'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^\[error\] Error 23505 at /);
    expect(logged.join('\n')).not.toMatch(/ada@example|duplicate key|\$2b\$/);
  });

  it("lets Next's redirect() through", async () => {
    const action = formAction(
      publicActionClient
        .metadata({ name: 'test.redirect' })
        .inputSchema(formInput(z.object({})))
        .action(async () => redirect('/register/check-email')),
    );
    const error = await thrownBy(action(INITIAL_FORM_STATE, formData({})));

    expect(redirectTarget(error)).toBe('/register/check-email');
    expect(logged).toContainEqual(expect.stringMatching(/^\[action\] test\.redirect navigated in \d+ ms$/));
  });
});

describe('the real customer actions', () => {
  it('refuse a caller without a session before touching anything', async () => {
    const { saveDetailsAction } = await import('@/app/account/actions');
    const { changePasswordAction } = await import('@/app/account/password/actions');
    for (const action of [saveDetailsAction, changePasswordAction] as ((state: never, data: FormData) => Promise<unknown>)[]) {
      const error = await thrownBy(action(INITIAL_FORM_STATE as never, formData({ fullName: 'Mallory' })));
      expect(redirectTarget(error)).toMatch(/^\/login\?reason=sign-in-required&/);
    }
  });
});
