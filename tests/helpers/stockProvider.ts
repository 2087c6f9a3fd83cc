/**
 * The unmodified y-websocket provider with its DEFAULT options (reconnect backoff up to 2.5 s, and
 * `shouldReconnect`, which gives up for good after any 44xx close), as a third-party client would run it.
 * Only two things are set: this browser's cookie and Origin (a browser sends them itself), and
 * `disableBc`, as our browser client runs it (a cross-tab channel inside one test process would pass
 * updates between providers without the server).
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { BrowserClient } from './http.js';
import { cookieHeader } from './liveClients.js';

export interface StockProvider {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent this provider, in order (1006 for a dropped socket). */
  closes: number[];
  /** Times the provider reported itself disconnected (including its own 30 s silence watchdog). */
  disconnects: number;
  destroy(): void;
}

export function stockProvider(baseUrl: string, room: string, client: BrowserClient, doc: Y.Doc = new Y.Doc()): StockProvider {
  const cookie = cookieHeader(client);
  const WebSocketWithCookie = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin: baseUrl } });
    }
  };
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/yjs', room, doc, {
    WebSocketPolyfill: WebSocketWithCookie as never,
    disableBc: true,
  });
  const stock: StockProvider = {
    doc,
    provider,
    closes: [],
    disconnects: 0,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.on('connection-close', (event) => {
    if (event) stock.closes.push(event.code);
  });
  provider.on('status', ({ status }) => {
    if (status === 'disconnected') stock.disconnects += 1;
  });
  return stock;
}
