/**
 * Every bound the product enforces, in one place, with its unit in the name.
 * Client and server import the same numbers so the client offers only what the server will accept.
 */

/** Display name of a person (officer, supplier, observer), in characters. */
export const MAX_PERSON_NAME_CHARS = 80;
/** Organisation a participant represents, in characters. */
export const MAX_ORGANISATION_CHARS = 120;
/** Email addresses (RFC 5321 path limit), in characters. */
export const MAX_EMAIL_CHARS = 254;
/** Officer passwords, in characters. Long passphrases are welcome; the cap bounds hashing work. */
export const MIN_PASSWORD_CHARS = 12;
export const MAX_PASSWORD_CHARS = 256;

/** Board title, summary and fair-engagement notice, in characters. */
export const MAX_BOARD_TITLE_CHARS = 120;
export const MAX_BOARD_SUMMARY_CHARS = 2_000;
export const MAX_BOARD_NOTICE_CHARS = 4_000;

/** Largest JSON request body the REST API reads, in bytes. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** How long a sign-in session lasts without use, in milliseconds (officers: a working day and a bit). */
export const OFFICER_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Participant and observer sessions last for an event and its follow-up, in milliseconds. */
export const PARTICIPANT_SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** Failed sign-in attempts allowed per email address and per client in the window below. */
export const SIGN_IN_ATTEMPTS_PER_WINDOW = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Event-code look-ups allowed per client, and wrong guesses allowed per code, in the window below. */
export const EVENT_CODE_LOOKUPS_PER_WINDOW = 30;
export const EVENT_CODE_WINDOW_MS = 10 * 60 * 1000;
/** Joins allowed per invite link per minute: a room of 500 phones joins in a minute, so this is generous. */
export const JOINS_PER_LINK_PER_MINUTE = 600;

/** People who may join one board (participants and observers together). */
export const MAX_PEOPLE_PER_BOARD = 1_000;
