'use server';

import { redirect } from 'next/navigation';
import { publicActionClient } from '@/lib/actions/action-client';
import { plainFormAction } from '@/lib/actions/form-action';
import { signOut } from '@/lib/auth/session-cookie-store';

/** Ends the session on the server (its row), drops the cookie, and goes to the home page. Anyone may press it. */
export const logoutAction = plainFormAction(
  publicActionClient.metadata({ name: 'auth.sign-out' }).action(async () => {
    await signOut();
    redirect('/');
  }),
);
