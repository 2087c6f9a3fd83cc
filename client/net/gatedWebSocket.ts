/**
 * A browser WebSocket whose events reach their handlers only once `gate` has resolved, in the order they
 * happened. The stock y-websocket provider sends its sync step 1 (what this copy holds) the moment it hears
 * "open". Held back until the document's cache and first content are in it, the handshake itself (a TCP
 * connection and an upgrade: two round trips on a phone's link) overlaps that wait instead of following it.
 */
type Handler = ((this: WebSocket, event: Event) => unknown) | null;

const EVENTS = ['open', 'message', 'close', 'error'] as const;

export function gatedWebSocket(gate: Promise<void>): typeof WebSocket {
  return class GatedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      let isOpen = false;
      const held: Array<() => void> = [];
      void gate.finally(() => {
        isOpen = true;
        for (const run of held.splice(0)) run();
      });
      for (const type of EVENTS) {
        // The provider assigns `on<type>`: keep its handler here (not on the socket) and call it through the gate.
        let handler: Handler = null;
        Object.defineProperty(this, `on${type}`, {
          get: () => handler,
          set: (value: Handler) => (handler = value),
        });
        this.addEventListener(type, (event) => {
          const run = () => handler?.call(this, event);
          if (isOpen && held.length === 0) run();
          else held.push(run);
        });
      }
    }
  };
}
