import type { AccountsPort } from '../store/store.js';
import { hashToken, newSecretToken } from './tokens.js';

/**
 * While no officer exists, each start makes a fresh one-time set-up link (only its hash is stored).
 * Returns the link to print, or null when an officer already exists.
 */
export async function createSetupLinkIfNoOfficer(store: AccountsPort, publicUrl: string, now: number): Promise<string | null> {
  if ((await store.countAccounts()) > 0) return null;
  const token = newSecretToken();
  await store.createSetupToken(hashToken(token), now);
  return `${publicUrl}/setup/${token}`;
}
