import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '../../server/http/middleware/csrf.js';

const request = (origin: string | undefined, host: string) => ({ headers: { origin, host } });

describe('[#10.20] the Origin check', () => {
  it('with PUBLIC_URL set, accepts only its origin, whatever Host a proxy passes', () => {
    const publicOrigin = 'https://ideas.example.gov.uk';
    expect(isSameOrigin(request('https://ideas.example.gov.uk', 'app:8080'), publicOrigin)).toBe(true);
    expect(isSameOrigin(request('https://ideas.example.gov.uk', 'ideas.example.gov.uk'), publicOrigin)).toBe(true);
    expect(isSameOrigin(request('http://app:8080', 'app:8080'), publicOrigin)).toBe(false);
    expect(isSameOrigin(request('http://ideas.example.gov.uk', 'ideas.example.gov.uk'), publicOrigin)).toBe(false);
    expect(isSameOrigin(request('https://ideas.example.gov.uk.evil.example', 'ideas.example.gov.uk'), publicOrigin)).toBe(false);
    expect(isSameOrigin(request('null', 'ideas.example.gov.uk'), publicOrigin)).toBe(false);
  });

  it('without PUBLIC_URL, compares the Origin’s host (with port) with the Host header', () => {
    expect(isSameOrigin(request('http://localhost:8080', 'localhost:8080'))).toBe(true);
    // What a proxy sending `Host $host` (no port) did to every write and websocket.
    expect(isSameOrigin(request('http://localhost:8080', 'localhost'))).toBe(false);
    expect(isSameOrigin(request('https://evil.example', 'localhost:8080'))).toBe(false);
  });

  it('lets requests without an Origin through (same-origin GETs, curl): the CSRF token still guards writes', () => {
    expect(isSameOrigin(request(undefined, 'localhost:8080'), 'https://ideas.example.gov.uk')).toBe(true);
  });
});
