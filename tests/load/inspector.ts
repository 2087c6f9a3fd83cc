/**
 * Reads a server's memory from outside through the V8 inspector (the server is started with
 * `--inspect=127.0.0.1:0`; nothing in the server changes): a full garbage collection, then
 * `process.memoryUsage()`. Unlike RSS this does not count garbage, so small differences (one board,
 * one connection) can be measured.
 */
import WebSocket from 'ws';

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** The inspector's websocket URL printed by `node --inspect` ("Debugger listening on ws://…"). */
export function inspectorUrlFrom(output: string): string | null {
  return /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+)/.exec(output)?.[1] ?? null;
}

/** Collects garbage in the inspected process and returns its memory usage in bytes. */
export async function memoryAfterGc(inspectorUrl: string): Promise<MemoryUsage> {
  const ws = new WebSocket(inspectorUrl, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<any>((resolve, reject) => {
      const id = nextId;
      nextId += 1;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
        if (message.id !== id) return;
        ws.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.enable');
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const result = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    return JSON.parse(result.result.value as string) as MemoryUsage;
  } finally {
    ws.close();
  }
}
