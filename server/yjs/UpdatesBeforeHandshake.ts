/**
 * Updates a connection sent before its sync step 2 that the server could not integrate yet (issue 10
 * item 18). The stock y-websocket provider sends local edits as soon as its socket opens, before it has
 * answered our sync step 1; an edit that builds on changes made offline then arrives before those
 * changes (which come in its step 2). Such an update is held here, per connection and bounded, never in
 * the server's document (ARCHITECTURE.md hazards), and checked again once the step 2 has been applied.
 * Only what is still missing after the handshake is a real gap (close 4409, resync).
 */

/** Most updates held for one connection; an honest client types a handful during a handshake. */
export const MAX_HELD_UPDATES = 64;
/** Most bytes held for one connection. */
export const MAX_HELD_BYTES = 1024 * 1024;
/** A client that has not sent its sync step 2 this long after an update was held is out of sync (4409). */
export const HANDSHAKE_DEADLINE_MS = 3_000;

export class UpdatesBeforeHandshake {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private deadline: NodeJS.Timeout | null = null;
  /** The client's sync step 2 has been applied: nothing is held from now on. */
  isOver = false;

  /**
   * Holds `update` until the handshake is over; false when the bounds are reached (the caller closes).
   * `onDeadline` runs if the step 2 has not come HANDSHAKE_DEADLINE_MS after the first update held.
   */
  hold(update: Uint8Array, onDeadline: () => void): boolean {
    if (this.isOver || this.held.length >= MAX_HELD_UPDATES || this.heldBytes + update.byteLength > MAX_HELD_BYTES) return false;
    this.held.push(update);
    this.heldBytes += update.byteLength;
    if (!this.deadline) {
      this.deadline = setTimeout(onDeadline, HANDSHAKE_DEADLINE_MS);
      this.deadline.unref();
    }
    return true;
  }

  /** The handshake is over: returns what was held, in the order it came, and holds nothing more. */
  end(): Uint8Array[] {
    this.isOver = true;
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    return held;
  }
}
