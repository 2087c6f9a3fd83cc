import { describe, expect, it } from 'vitest';
import { claimedRoleWord, identityKey, personIdentityKey } from '../../shared/text/identityKey.js';

describe('[#10.4] names and organisations a reader cannot tell apart have one key', () => {
  it.each([
    ['case and spaces', 'Alice Supplier', 'alice   SUPPLIER'],
    ['Cyrillic А for Latin A', 'Alice Supplier', '\u0410lice Supplier'],
    ['Cyrillic е and о', 'Joe Bloggs', 'J\u043e\u0435 Bl\u043eggs'],
    ['Greek Α and ο', 'Acme Co', '\u0391cme C\u03bf'],
    ['full-width letters (NFKC)', 'Alice', '\uff21\uff4c\uff49\uff43\uff45'],
    ['capital I for l', 'Alice', 'AIice'],
    ['digit 0 for O', 'Olive', '0live'],
    ['rn for m', 'Amy', 'Arny'],
    ['trailing punctuation', 'Acme Ltd', 'Acme Ltd.'],
    ['a comma', 'Acme Ltd', 'Acme, Ltd'],
  ])('[#10.4] %s', (_label, left, right) => {
    expect(identityKey(left)).toBe(identityKey(right));
  });

  it('[#10.4] different people stay different', () => {
    expect(identityKey('Alice Supplier')).not.toBe(identityKey('Alicia Supplier'));
    expect(personIdentityKey('Alice', 'Acme Ltd')).not.toBe(personIdentityKey('Alice', 'Acme Group'));
    // Name and organisation are kept apart: moving a word between them is another claim.
    expect(personIdentityKey('Alice Acme', 'Ltd')).not.toBe(personIdentityKey('Alice', 'Acme Ltd'));
  });

  it.each([
    'Olive Officer (council officer)',
    'Council Officer',
    'olive (OFFICER)',
    '0fficer Olive',
    'Olive \u043efficer',
    'Moderator',
    'Admin',
    'Sam the administrator',
    'Facilitator Sam',
    'Council staff',
  ])('[#10.4] "%s" claims an officer-like role', (name) => {
    expect(claimedRoleWord(name)).not.toBeNull();
  });

  it.each(['Olive Oyl', 'Administrative Services Ltd', 'Officers Mess Catering', 'Hackney Council for Voluntary Service', 'Sam Jones'])(
    '[#10.4] "%s" claims no role',
    (name) => {
      expect(claimedRoleWord(name)).toBeNull();
    },
  );
});
