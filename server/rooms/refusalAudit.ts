import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';

export interface RefusalRecord {
  boardId: string;
  personId: string;
  /** A rule id or close-code name: what was refused, never what was sent. */
  rule: string;
  /** Size of what was refused, in bytes, when known. */
  sizeBytes?: number;
  connectionId?: string;
}

export interface RefusalAudit {
  record(refusal: RefusalRecord): void;
}

/**
 * Every refusal is logged (board, person, rule, size: never the content) and counted in the store, so the
 * board's officers can see that refusals happened and whose. Counting never blocks or fails the caller.
 */
export function createRefusalAudit(store: Store, log: Logger, now: () => number = Date.now): RefusalAudit {
  return {
    record(refusal) {
      log.warn({ ...refusal }, 'refused');
      store.recordRefusal(refusal.boardId, refusal.personId, refusal.rule, now()).catch((error: unknown) => {
        log.error({ err: error, boardId: refusal.boardId }, 'could not count a refusal');
      });
    },
  };
}
