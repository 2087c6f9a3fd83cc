/**
 * The board-event seam (issue 11): listeners hear the events they asked for, a listener that throws does
 * not stop the others, and one that stopped listening hears nothing more.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.js';
import { BoardEvents } from '../../server/rooms/BoardEvents.js';

describe('BoardEvents', () => {
  it('delivers each event to its listeners only, isolates a failing listener, and stops on unsubscribe', () => {
    const events = new BoardEvents(createLogger('silent'));
    const heard: string[] = [];
    events.on('phaseChanged', () => {
      throw new Error('a broken listener');
    });
    const stop = events.on('phaseChanged', ({ boardId, payload }) => heard.push(`${boardId}:${payload.phase}`));
    events.on('boardStatusChanged', ({ boardId }) => heard.push(`status:${boardId}`));
    events.emit('phaseChanged', { boardId: 'b1', payload: { phase: 'open', opensAt: null } });
    events.emit('boardStatusChanged', { boardId: 'b2' });
    stop();
    events.emit('phaseChanged', { boardId: 'b3', payload: { phase: 'closed', opensAt: null } });
    expect(heard).toEqual(['b1:open', 'status:b2']);
  });
});
