/**
 * "Hide ideas until reveal" (issue 13), the brief's `meta.sealed`: a boolean written by the server on an
 * officer's `sealed-set` command (audited in board_setting_changes like anonymous mode). Absent or anything
 * but `true` reads as false.
 *
 * What it means is decided by the publisher, not hidden by the client (docs/adr/0004-sealed-ideas.md):
 * while sealed, no participant's new note or edit is published to the wall (a deferral with rule 'sealed');
 * the author still sees it in their own draft, officers read it over REST (`/sealed-notes`). Setting it to
 * false is the reveal: every held note is published in ONE wall transaction.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { BRIEF_ROOTS } from './roots.js';

/** Field of the brief's meta map holding the sealed setting. */
export const SEALED_FIELD = 'sealed';

/** True while participants' ideas are held until the reveal; absent or malformed reads as false. */
export function readSealed(doc: Y.Doc): boolean {
  return doc.getMap<unknown>(BRIEF_ROOTS.meta).get(SEALED_FIELD) === true;
}

/** Payload of the officers' `sealed-set` command: `sealed: false` is "Reveal ideas". */
export const sealedSetPayload = z.strictObject({ sealed: z.boolean() });
export type SealedSetPayload = z.infer<typeof sealedSetPayload>;

/** The socket.io event name of the command. */
export const SEALED_SET_EVENT = 'sealed-set';

/** What the author of a held note reads beside it. */
export const SEALED_NOTE_MESSAGE = 'Sealed: shown to everyone when the organiser reveals ideas.';
