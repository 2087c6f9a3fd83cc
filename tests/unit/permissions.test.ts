import { describe, expect, it } from 'vitest';
import { accessFor, accessRuleFor, parseRoomName, roomNameFor, type Actor, type ParsedRoom } from '../../shared/permissions.js';

const BOARD = 'board-id-00000000001';
const OTHER_BOARD = 'board-id-00000000002';
const ME = 'person-me-0000000001';
const SOMEONE = 'person-else-00000001';

const officer: Actor = { role: 'officer', personId: ME, isOfficerOfBoard: true, boardId: null };
const outsideOfficer: Actor = { ...officer, isOfficerOfBoard: false };
const participant: Actor = { role: 'participant', personId: ME, isOfficerOfBoard: false, boardId: BOARD };
const observer: Actor = { role: 'observer', personId: ME, isOfficerOfBoard: false, boardId: BOARD };
const participantElsewhere: Actor = { ...participant, boardId: OTHER_BOARD };
const observerElsewhere: Actor = { ...observer, boardId: OTHER_BOARD };
const participantClaimingOfficer: Actor = { ...participant, isOfficerOfBoard: true };

const brief: ParsedRoom = { boardId: BOARD, kind: 'brief' };
const wall: ParsedRoom = { boardId: BOARD, kind: 'wall' };
const ownDraft: ParsedRoom = { boardId: BOARD, kind: 'draft', personId: ME };
const otherDraft: ParsedRoom = { boardId: BOARD, kind: 'draft', personId: SOMEONE };

describe('who may read and write each document', () => {
  it.each([
    ['a board officer', officer, ['write', 'read', 'write', 'read']],
    ['an officer of another board', outsideOfficer, ['none', 'none', 'none', 'none']],
    ['a participant', participant, ['read', 'read', 'write', 'none']],
    ['a participant who claims to be an officer', participantClaimingOfficer, ['read', 'read', 'write', 'none']],
    ['an observer', observer, ['read', 'read', 'none', 'none']],
    ['a participant of another board', participantElsewhere, ['none', 'none', 'none', 'none']],
    ['an observer of another board', observerElsewhere, ['none', 'none', 'none', 'none']],
  ] as const)('[permissions:table] %s gets brief/wall/own draft/other draft = %j', (_label, actor, expected) => {
    expect([brief, wall, ownDraft, otherDraft].map((room) => accessFor(actor, room))).toEqual(expected);
  });

  it('[permissions:wall] nobody writes the wall', () => {
    for (const actor of [officer, participant, observer, outsideOfficer]) expect(accessFor(actor, wall)).not.toBe('write');
  });

  it('[permissions:rule-id] each grant names the rule that gave it', () => {
    expect(accessRuleFor(officer, otherDraft)?.id).toBe('A8');
    expect(accessRuleFor(participant, otherDraft)).toBeNull();
  });

  it('[permissions:ids] an actor without a well-formed person id gets nothing', () => {
    expect(accessFor({ ...participant, personId: '' }, { boardId: BOARD, kind: 'draft', personId: '' })).toBe('none');
  });
});

describe('room names', () => {
  it('[rooms:parse] the three kinds of room parse, and print back the same', () => {
    for (const name of [`${BOARD}/brief`, `${BOARD}/wall`, `${BOARD}/drafts/${ME}`]) {
      const room = parseRoomName(name);
      expect(room).not.toBeNull();
      expect(roomNameFor(room as ParsedRoom)).toBe(name);
    }
    expect(parseRoomName(`${BOARD}/drafts/${ME}`)).toEqual({ boardId: BOARD, kind: 'draft', personId: ME });
  });

  it.each([
    ['empty', ''],
    ['only a board', BOARD],
    ['a parent segment', `${BOARD}/../brief`],
    ['a dot-dot person', `${BOARD}/drafts/..`],
    ['dot-dot as the board', '../brief'],
    ['percent-encoded dots', `%2e%2e/${BOARD}/brief`],
    ['a percent-encoded slash', `${BOARD}%2Fbrief`],
    ['an extra segment', `${BOARD}/brief/extra`],
    ['a trailing slash', `${BOARD}/wall/`],
    ['a leading slash', `/${BOARD}/wall`],
    ['a draft without a person', `${BOARD}/drafts/`],
    ['a draft with two persons', `${BOARD}/drafts/${ME}/${SOMEONE}`],
    ['the singular draft', `${BOARD}/draft/${ME}`],
    ['an unknown kind', `${BOARD}/comments`],
    ['an upper-case kind', `${BOARD}/BRIEF`],
    ['a short board id', 'short/brief'],
    ['a board id with a dot', `board.id.0000000001/brief`],
    ['a trailing newline', `${BOARD}/brief\n`],
    ['a space', `${BOARD} /brief`],
    ['a too long id', `${'a'.repeat(41)}/brief`],
    ['a very long name', `${BOARD}/drafts/${'a'.repeat(10_000)}`],
  ])('[rooms:parse] refuses %s', (_label, name) => {
    expect(parseRoomName(name)).toBeNull();
  });

  it('[rooms:parse] refuses values that are not strings', () => {
    for (const value of [undefined, null, 42, ['a'], { toString: () => `${BOARD}/brief` }]) expect(parseRoomName(value)).toBeNull();
  });
});
