import { describe, expect, it } from 'vitest';
import { decideComments, type CommentsInput } from '../../shared/publisher/comments.js';
import { decideReactions, tallyReactions } from '../../shared/publisher/reactions.js';
import { decideVotes, type Voter, type VotesInput } from '../../shared/publisher/votes.js';
import type { Reaction } from '../../shared/schema/draftReactions.js';
import { DEFAULT_VOTING_SETTINGS, parseVotingSettings } from '../../shared/schema/votingSettings.js';
import type { WallComment } from '../../shared/schema/wallComments.js';
import type { WallKey } from '../../shared/schema/wall.js';

const NOW = 1_800_000_000_000;
const ALICE = 'alice-person-id-0001';
const BOB = 'bob-person-id-000001';
const CAROL = 'carol-person-id-0001';
const AUTHOR = 'author-person-id-001';
const note = (n: number) => `${AUTHOR}:note-${String(n).padStart(15, '0')}` as WallKey;
const ON_WALL = new Set([note(1), note(2), note(3)]);

function voter(personId: string, votes: Record<string, unknown>, options: Partial<Voter> = {}): Voter {
  return { personId, role: 'participant', organisationKey: `org of ${personId}`, rawVotes: new Map(Object.entries(votes)), accepted: new Map(), ...options };
}

function votes(input: Partial<VotesInput> & { voters: Voter[] }) {
  return decideVotes({ phase: 'voting', now: NOW, settings: { ...DEFAULT_VOTING_SETTINGS, budget: 3 }, notesOnWall: ON_WALL, ...input });
}

describe('the dot-vote decision', () => {
  it('[#12.votes] counts a person’s dots up to the budget, earliest notes first, and names the rule for the rest', () => {
    const decision = votes({ voters: [voter(ALICE, { [note(1)]: 2, [note(2)]: 2 })] });
    expect(decision.tallies).toEqual(new Map([[note(1), 2], [note(2), 1]]));
    expect(decision.outcomes.get(ALICE)).toEqual([
      expect.objectContaining({ recordKind: 'vote', recordId: note(2), rule: 'vote-budget', counted: 1, message: expect.stringContaining('used all 3') }),
    ]);
  });

  it('[#12.votes] keeps dots accepted earlier when another note asks for them', () => {
    const accepted = new Map([[note(2), 2]]);
    const decision = votes({ voters: [voter(ALICE, { [note(1)]: 3, [note(2)]: 2 }, { accepted })] });
    expect(decision.accepted.get(ALICE)).toEqual(new Map([[note(1), 1], [note(2), 2]]));
  });

  it('[#12.votes] shares one budget in an organisation, keeping what each member had before', () => {
    const settings = { budget: 3, scope: 'organisation' as const, hideUntilClosed: false };
    const earlier = voter(BOB, { [note(1)]: 2 }, { organisationKey: 'acme', accepted: new Map([[note(1), 2]]) });
    const later = voter(ALICE, { [note(2)]: 3 }, { organisationKey: 'acme' });
    const other = voter(CAROL, { [note(3)]: 3 }, { organisationKey: 'elsewhere' });
    const decision = votes({ settings, voters: [later, earlier, other] });
    expect(decision.tallies).toEqual(new Map([[note(1), 2], [note(2), 1], [note(3), 3]]));
    expect(decision.outcomes.get(ALICE)?.[0]).toMatchObject({ rule: 'vote-budget', message: expect.stringContaining('Your organisation') });
  });

  it('[#12.votes] drops the last dots when the budget shrinks below what counted', () => {
    const accepted = new Map([[note(1), 2], [note(2), 2]]);
    const decision = votes({ voters: [voter(ALICE, { [note(1)]: 2, [note(2)]: 2 }, { accepted })] });
    expect(decision.accepted.get(ALICE)).toEqual(new Map([[note(1), 2], [note(2), 1]]));
  });

  it('[#12.votes] counts nothing before voting and freezes what counted after it', () => {
    const before = votes({ phase: 'open', voters: [voter(ALICE, { [note(1)]: 2 })] });
    expect(before.tallies.size).toBe(0);
    expect(before.outcomes.get(ALICE)?.[0]).toMatchObject({ rule: 'not-voting', counted: 0 });
    const frozen = votes({ phase: 'closed', voters: [voter(ALICE, { [note(2)]: 1 }, { accepted: new Map([[note(1), 2]]) })] });
    expect(frozen.tallies).toEqual(new Map([[note(1), 2]]));
    expect(frozen.outcomes.get(ALICE)?.map((outcome) => outcome.recordId).sort()).toEqual([note(1), note(2)]);
  });

  it('[#12.votes] does not count dots on notes that are not on the wall, nor malformed entries', () => {
    const decision = votes({ voters: [voter(ALICE, { [note(9)]: 2, [note(1)]: 1.5, notAKey: 1, [note(2)]: 21 })] });
    expect(decision.tallies.size).toBe(0);
    const rules = decision.outcomes.get(ALICE)?.map((outcome) => outcome.rule).sort();
    expect(rules).toEqual(['note-not-on-wall', 'schema', 'schema', 'schema']);
  });

  it('[#12.votes] reads absent or invalid settings as the defaults', () => {
    expect(parseVotingSettings(undefined)).toEqual({ budget: 5, scope: 'person', hideUntilClosed: false });
    expect(parseVotingSettings({ budget: 50, scope: 'person', hideUntilClosed: false })).toEqual(DEFAULT_VOTING_SETTINGS);
  });
});

describe('the reactions decision', () => {
  const decide = (raw: Record<string, unknown>, options: { phase?: 'draft' | 'open' | 'closed'; accepted?: Map<WallKey, ReadonlySet<Reaction>>; role?: 'officer' | 'participant' } = {}) =>
    decideReactions({
      person: { personId: ALICE, role: options.role ?? 'participant' },
      phase: options.phase ?? 'open',
      now: NOW,
      notesOnWall: ON_WALL,
      rawReactions: new Map(Object.entries(raw)),
      accepted: options.accepted ?? new Map(),
    });

  it('[#12.reactions] counts one of each reaction per note and refuses repeats and unknown reactions', () => {
    const decision = decide({ [note(1)]: ['plus-one', 'question'], [note(2)]: ['plus-one', 'plus-one'], [note(3)]: ['heart'] });
    expect(decision.accepted).toEqual(new Map([[note(1), new Set(['plus-one', 'question'])]]));
    expect(decision.outcomes.map((outcome) => outcome.rule)).toEqual(['schema', 'schema']);
    expect(tallyReactions([decision.accepted, decision.accepted], ON_WALL).get(note(1))).toEqual({ plusOne: 2, question: 2 });
  });

  it('[#12.reactions] defers participants before the board opens and freezes when closed', () => {
    expect(decide({ [note(1)]: ['question'] }, { phase: 'draft' }).outcomes[0]).toMatchObject({ kind: 'deferred', rule: 'not-open-yet' });
    expect(decide({ [note(1)]: ['question'] }, { phase: 'draft', role: 'officer' }).accepted.size).toBe(1);
    const accepted = new Map<WallKey, ReadonlySet<Reaction>>([[note(2), new Set<Reaction>(['done-this'])]]);
    const closed = decide({ [note(1)]: ['question'] }, { phase: 'closed', accepted });
    expect(closed.accepted).toEqual(accepted);
    expect(closed.outcomes.map((outcome) => outcome.rule)).toEqual(['board-closed', 'board-closed']);
  });
});

describe('the comments decision', () => {
  const comment = (overrides: Record<string, unknown> = {}) => ({ noteKey: note(1), text: 'Have you piloted this?', createdAt: 1, ...overrides });
  const commentId = (n: number) => `comment-${String(n).padStart(13, '0')}`;
  const decide = (overrides: Partial<Omit<CommentsInput, 'rules'>> & { rules?: Partial<CommentsInput['rules']> } = {}) =>
    decideComments({
      author: { personId: ALICE, role: 'participant' },
      draftComments: new Map(),
      wallCommentsOfAuthor: new Map(),
      recentPublishTimes: [],
      hiddenComments: new Map(),
      ...overrides,
      rules: { phase: 'open', now: NOW, notesOnWall: ON_WALL, maxCommentTextChars: 500, maxCommentsPerMinute: 2, maxCommentsPerDraft: 200, ...overrides.rules },
    });
  const onWall = (id: string, overrides: Partial<WallComment> = {}): WallComment => ({
    author: ALICE, commentId: id, noteKey: note(1), text: 'Have you piloted this?', createdAt: NOW - 10, updatedAt: NOW - 10, ...overrides,
  });

  it('[#12.comments] publishes under the author’s key with the author and times from the server', () => {
    const decision = decide({ draftComments: new Map([[commentId(1), comment()]]) });
    expect(decision.publish).toEqual([
      { key: `${ALICE}:${commentId(1)}`, record: { author: ALICE, commentId: commentId(1), noteKey: note(1), text: 'Have you piloted this?', createdAt: NOW, updatedAt: NOW } },
    ]);
  });

  it('[#12.comments] refuses an author field, hidden characters and over-long text, and keeps the earlier version', () => {
    const previous = new Map([[commentId(2), onWall(commentId(2))], [commentId(3), onWall(commentId(3))]]);
    const decision = decide({
      wallCommentsOfAuthor: previous,
      draftComments: new Map<string, unknown>([
        [commentId(1), comment({ author: BOB })],
        [commentId(2), comment({ text: 'Hidden\u200btext' })],
        [commentId(3), comment({ text: 'x'.repeat(501) })],
      ]),
    });
    expect(decision.outcomes.map((outcome) => outcome.rule)).toEqual(['schema', 'hidden-characters', 'comment-too-long']);
    expect(decision.publish).toEqual([]);
    expect(decision.unpublish).toEqual([]);
  });

  it('[#12.comments] unpublishes withdrawn, hidden and orphaned comments', () => {
    const previous = new Map([[commentId(1), onWall(commentId(1))], [commentId(2), onWall(commentId(2))], [commentId(3), onWall(commentId(3), { noteKey: note(9) })]]);
    const decision = decide({
      wallCommentsOfAuthor: previous,
      draftComments: new Map([[commentId(2), comment()], [commentId(3), comment({ noteKey: note(9) })]]),
      hiddenComments: new Map([[`${ALICE}:${commentId(2)}`, 'An officer hid this comment: off topic.']]),
    });
    expect(decision.unpublish.sort()).toEqual([`${ALICE}:${commentId(1)}`, `${ALICE}:${commentId(2)}`, `${ALICE}:${commentId(3)}`].sort());
    expect(decision.outcomes.map((outcome) => outcome.rule)).toEqual(['hidden-by-officer', 'note-not-on-wall']);
  });

  it('[#12.comments] rate limits new comments and refuses them when the board is closed', () => {
    const three = new Map([1, 2, 3].map((n) => [commentId(n), comment({ createdAt: n })]));
    const limited = decide({ draftComments: three });
    expect(limited.publish).toHaveLength(2);
    expect(limited.outcomes[0]).toMatchObject({ recordId: commentId(3), kind: 'deferred', rule: 'rate-limit', retryAt: NOW + 60_000 });
    const closed = decide({ draftComments: three, rules: { phase: 'closed' } });
    expect(closed.publish).toEqual([]);
    expect(new Set(closed.outcomes.map((outcome) => outcome.rule))).toEqual(new Set(['board-closed']));
  });
});
