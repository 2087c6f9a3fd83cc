/**
 * The store's port for who can sign in: officer accounts, the set-up links that let the first officer in,
 * and sessions (officers', participants' and observers'). Contract: tests/contract/accountsSessionsContract.ts.
 */

export interface AccountRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: number;
}

export type SessionKind = 'officer' | 'participant' | 'observer';

export interface SessionRecord {
  /** SHA-256 of the cookie's token: a stolen database does not hold live session tokens. */
  tokenHash: string;
  kind: SessionKind;
  accountId: string | null;
  participantId: string | null;
  boardId: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface AccountsPort {
  countAccounts(): Promise<number>;
  createAccount(account: AccountRecord): Promise<void>;
  findAccountByEmail(email: string): Promise<AccountRecord | null>;
  findAccountById(id: string): Promise<AccountRecord | null>;

  /** Set-up tokens let the first officer in. Stored as hashes. */
  createSetupToken(tokenHash: string, createdAt: number): Promise<void>;
  isSetupTokenUnused(tokenHash: string): Promise<boolean | null>;
  /**
   * Creates the first officer with the token, in one transaction: succeeds only while the token is unused
   * AND no account exists yet. Returns false when either check fails (the link was used).
   */
  useSetupTokenForFirstAccount(tokenHash: string, account: AccountRecord, usedAt: number): Promise<boolean>;

  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;
}
