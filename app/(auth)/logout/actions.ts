'use server';

import { redirect } from 'next/navigation';
import { signOut } from '@/lib/auth/session-cookie-store';

/** Ends the session on the server (its row), drops the cookie, and goes to the home page. */
export async function logoutAction(): Promise<void> {
  await signOut();
  redirect('/');
}
