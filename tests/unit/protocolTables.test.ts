import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, closeCodeFor } from '../../shared/protocol/closeCodes.js';
import { CLIENT_PAYLOAD_SCHEMAS, helloPayload, PROTOCOL_VERSION, SOCKET_EVENTS } from '../../shared/protocol/socketEvents.js';

describe('close codes', () => {
  const entries = Object.values(CLOSE_CODES);

  it('[close-codes:table] every code and name is used once, and every reason fits a close frame (123 bytes)', () => {
    expect(new Set(entries.map((entry) => entry.code)).size).toBe(entries.length);
    expect(new Set(entries.map((entry) => entry.name)).size).toBe(entries.length);
    for (const entry of entries) expect(new TextEncoder().encode(entry.reason).length).toBeLessThanOrEqual(123);
  });

  it('[close-codes:table] application codes are in the private 4000–4999 range, the rest are standard', () => {
    for (const entry of entries) expect(entry.code >= 4000 ? entry.code < 5000 : [1008, 1009, 1011].includes(entry.code)).toBe(true);
  });

  it('[close-codes:lookup] the client can look a code up and knows what to do', () => {
    expect(closeCodeFor(4409)).toMatchObject({ name: 'out-of-sync', clientAction: 'resync' });
    expect(closeCodeFor(4403)?.clientAction).toBe('reload-fresh');
    expect(closeCodeFor(4410)?.clientAction).toBe('stop');
    expect(closeCodeFor(1000)).toBeNull();
  });
});

describe('socket events', () => {
  it('[socket-events:hello] the hello payload is validated strictly', () => {
    expect(helloPayload.safeParse({ protocolVersion: PROTOCOL_VERSION, boardId: 'board-id-00000000001' }).success).toBe(true);
    for (const bad of [
      {},
      { protocolVersion: PROTOCOL_VERSION },
      { protocolVersion: '1', boardId: 'board-id-00000000001' },
      { protocolVersion: PROTOCOL_VERSION, boardId: '../x' },
      { protocolVersion: PROTOCOL_VERSION, boardId: 'board-id-00000000001', extra: 1 },
      JSON.parse('{"protocolVersion":1,"boardId":"board-id-00000000001","__proto__":{"x":1}}'),
    ]) {
      expect(helloPayload.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('[socket-events:names] every client event has a payload schema and names are kebab-case', () => {
    expect(Object.keys(CLIENT_PAYLOAD_SCHEMAS)).toEqual(['hello']);
    for (const name of Object.values(SOCKET_EVENTS)) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
