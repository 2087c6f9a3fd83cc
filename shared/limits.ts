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

/** How long an officer's sign-in session lasts from sign-in, in milliseconds (a working day and a bit). */
export const OFFICER_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Participant and observer sessions last for an event and its follow-up, in milliseconds. */
export const PARTICIPANT_SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** How long an officer invitation can be accepted, in milliseconds: a working week and a weekend. */
export const OFFICER_INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Failed sign-in attempts allowed per email address and per client in the window below. */
export const SIGN_IN_ATTEMPTS_PER_WINDOW = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Event-code look-ups allowed per client, and wrong guesses allowed per code, in the window below. */
export const EVENT_CODE_LOOKUPS_PER_WINDOW = 30;
export const EVENT_CODE_WINDOW_MS = 10 * 60 * 1000;
/** Joins allowed per invite link per minute: a room of 500 phones joins in a minute, so this is generous. */
export const JOINS_PER_LINK_PER_MINUTE = 600;

/*
 * Per client address (issue 10 item 5). Every limit above keys on something a script can mint (a browser's
 * CSRF cookie) or that an attacker does not need to vary (an email, a link); these key on the address the
 * request came from (the proxy's X-Forwarded-For only with TRUST_PROXY). They must never throttle a real
 * venue: 500 phones behind one address joining in a minute (THREATS.md E). So sign-in, where people are few
 * and failures rarer still, gets a window on failures; look-ups and joins get a token bucket whose burst
 * absorbs the moment the code goes up on the screen and whose refill (600 a minute) carries a whole room,
 * while a script taking 100 seats in one second gets about the burst and then 429s.
 * What they cannot do: a script spread over many addresses, or patient at 10 a second, still fills a board
 * (1,000 seats in under two minutes); the per-link window, the board's seat cap and the officer's bulk
 * removal bound that. Counters are per process (shared when scaled out, see ARCHITECTURE.md).
 */
/**
 * Failed sign-ins allowed per client address in SIGN_IN_WINDOW_MS: a council office of officers mistyping,
 * not a script trying many accounts with a fresh cookie each time (the same bound a cookie-less client had).
 */
export const SIGN_IN_FAILURES_PER_ADDRESS_PER_WINDOW = 30;
/** Event-code look-ups one address may make at once, then per second, then per EVENT_CODE_WINDOW_MS. */
export const EVENT_CODE_LOOKUP_BURST_PER_ADDRESS = 50;
export const EVENT_CODE_LOOKUPS_PER_ADDRESS_PER_SECOND = 10;
export const EVENT_CODE_LOOKUPS_PER_ADDRESS_PER_WINDOW = 1_200;
/** Joins one address may make at once, then per second (a room of 500 phones in a minute fits; 100 in one second does not). */
export const JOIN_BURST_PER_ADDRESS = 50;
export const JOINS_PER_ADDRESS_PER_SECOND = 10;

/**
 * Exports (CSV, JSON, reports) one officer account may download per minute: an officer clicking through the
 * four formats a few times fits; a script hammering the board's full read gets 429s (THREATS.md D).
 */
export const EXPORTS_PER_ACCOUNT_PER_MINUTE = 30;

/** People who may join one board (participants and observers together). */
export const MAX_PEOPLE_PER_BOARD = 1_000;
/** People an officer may remove in one request ("Remove selected"); a bigger burst takes a few requests. */
export const MAX_PARTICIPANTS_PER_REMOVAL = 500;

// ---- Notes, brief and realtime sync --------------------------------------------------------------

/** Text of one sticky note, in UTF-16 code units (what a browser's `maxlength` counts). */
export const MAX_NOTE_TEXT_CHARS = 500;
/** Notes one person may publish for the first time in any 60 seconds; more wait (rule `rate-limit`). */
export const MAX_NOTES_PER_MINUTE = 10;
/** Notes one person's draft may hold. */
export const MAX_NOTES_PER_DRAFT = 200;
/** Each text field of the brief (problem body, user needs, stage description…), in UTF-16 code units. */
export const MAX_BRIEF_TEXT_CHARS = 5_000;
/** Largest websocket message the server reads, in bytes (set as the ws `maxPayload`; close 1009 beyond). */
export const MAX_WS_FRAME_BYTES = 1_048_576;
/** Largest Yjs update (sync step 2 or update payload) the server decodes, in bytes (close 4413 beyond). */
export const MAX_UPDATE_BYTES = 512 * 1024;
/** Largest encoded size of one draft document, in bytes. */
export const MAX_DRAFT_DOC_BYTES = 1_048_576;
/** Largest presence (awareness) state of one connection, as JSON, in bytes. */
export const MAX_AWARENESS_STATE_BYTES = 2_048;
/** Least time between two publications of the same note, in milliseconds (keystrokes are coalesced). */
export const PUBLISH_COALESCE_MS = 250;
/** How often a board's presence changes are merged and sent, in milliseconds. */
export const PRESENCE_TICK_MS = 100;

/**
 * Largest awareness message payload, in bytes. Larger than one state: the stock provider also relays
 * removals (`null` states, about 10 bytes each) of other clients it timed out.
 */
export const MAX_AWARENESS_MESSAGE_BYTES = 64 * 1024;
/** Largest encoded state vector in a sync step 1, in bytes (about 10 bytes per client id that ever wrote). */
export const MAX_STATE_VECTOR_BYTES = 64 * 1024;
/** Structs one update may declare, over all its clients; a larger claim is refused before decoding. */
export const MAX_UPDATE_STRUCTS = 100_000;
/** Client ids one update may declare, in its struct section and in its delete set each. */
export const MAX_UPDATE_CLIENTS = 10_000;
/** Delete ranges one update may declare, over all its clients. */
export const MAX_UPDATE_DELETE_RANGES = 100_000;
/** Deepest nesting inside one update: of JSON values, and of shared types inside shared types, in levels. */
export const MAX_UPDATE_NESTING_DEPTH = 32;

/**
 * Document messages (sync steps and updates) one connection may send: a sustained rate per second and a
 * burst. An honest fast typist sends about 20 a second; a reconnect sends a handful. Beyond: close 4429.
 */
export const MAX_DOCUMENT_MESSAGES_PER_SECOND = 100;
export const DOCUMENT_MESSAGE_BURST = 300;

/**
 * An awareness client id reserved for the server (it once carried the presence summary, which typing-for-
 * officers-only made unnecessary: ADR 0002). Real clients pick random 32-bit ids; this one is refused.
 */
export const PRESENCE_SUMMARY_CLIENT_ID = 1;

// ---- Connections (issue 10) ------------------------------------------------------------------------

/**
 * Open connections one session may hold at once: Yjs documents and socket.io together, over every tab and
 * board. A board tab opens four (brief, wall, own draft, socket.io), so this is six tabs; beyond it the
 * server closes with `too-many-connections` (4430) or refuses socket.io with that message.
 */
export const MAX_CONNECTIONS_PER_SESSION = 24;
/** Open connections one server process holds by default (`MAX_CONNECTIONS` overrides it). */
export const DEFAULT_MAX_CONNECTIONS = 10_000;
/**
 * Frames a websocket may send while the server is still admitting it (checking its session, loading the
 * board): queued, then handled in order. The stock provider sends a handful; beyond either bound the
 * connection is closed (4429) instead of buffering without limit.
 */
export const MAX_ADMISSION_QUEUE_FRAMES = 64;
export const MAX_ADMISSION_QUEUE_BYTES = 2 * 1024 * 1024;
/**
 * Unknown socket.io events, or known ones with a bad payload, one socket may send before it is
 * disconnected. Only the first is logged (and the disconnect), so a flood cannot flood the log.
 */
export const MAX_BAD_SOCKET_EVENTS = 5;
/**
 * The store writer's backlog: updates accepted but not yet stored (the store is failing or slow). Beyond
 * either bound a client's new change is refused with close 4507 (it stays on the client and is sent again);
 * everything already accepted is kept and stored when the store is back.
 */
export const MAX_WRITE_BACKLOG_UPDATES = 20_000;
export const MAX_WRITE_BACKLOG_BYTES = 32 * 1024 * 1024;
/** Largest group commit while the store works: updates and bytes in one transaction. */
export const MAX_COMMIT_BATCH_UPDATES = 2_000;
export const MAX_COMMIT_BATCH_BYTES = 8 * 1024 * 1024;
/** Largest commit while recovering from a failure (e.g. a disk that was full): small steps, not the whole backlog. */
export const RECOVERY_BATCH_UPDATES = 50;
export const RECOVERY_BATCH_BYTES = 256 * 1024;
/** Longest a graceful shutdown (SIGTERM) may take, whatever clients or the store do, in ms. */
export const SHUTDOWN_MAX_MS = 10_000;
