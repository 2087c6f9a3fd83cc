import { describe, expect, it } from 'vitest';
import { pathForLog } from '../../server/log.js';

const TOKEN = 'q8Zr0bC3vX9kLmN2pQ4sT6uW8yA1cE3gI5kM7oQ9sU0';

describe('[#10.10] request paths as they appear in logs', () => {
  it.each([
    [`/api/setup/${TOKEN}`, '/api/setup/[redacted]'],
    [`/setup/${TOKEN}`, '/setup/[redacted]'],
    [`/api/join/${TOKEN}`, '/api/join/[redacted]'],
    [`/api/officer-invitations/${TOKEN}`, '/api/officer-invitations/[redacted]'],
    // A wrong or cut-short token is still most of a secret.
    ['/api/setup/short-guess', '/api/setup/[redacted]'],
    [`/api/join/${TOKEN.slice(0, 40)}`, '/api/join/[redacted]'],
    // Token-length segments under any route, and every query string.
    [`/api/boards/abc/anything/${TOKEN}`, '/api/boards/abc/anything/[redacted]'],
    [`/api/session?token=${TOKEN}`, '/api/session'],
    [`/api/join/${TOKEN}?x=1#frag`, '/api/join/[redacted]'],
  ])('%s is logged as %s', (url, logged) => {
    expect(pathForLog(url)).toBe(logged);
  });

  it('keeps ids and route names, which an operator needs', () => {
    expect(pathForLog('/api/boards/6JFIucjjJVImYqnbDo_1O/invite-links/Ab3dEf6hIj9kLm2nOp5qR/revoke')).toBe(
      '/api/boards/6JFIucjjJVImYqnbDo_1O/invite-links/Ab3dEf6hIj9kLm2nOp5qR/revoke',
    );
    expect(pathForLog('/api/sign-in')).toBe('/api/sign-in');
    expect(pathForLog('/api/event-codes')).toBe('/api/event-codes');
  });
});
