/**
 * A GET with exactly the headers given and the body as sent: fetch would decode a compressed body and
 * hide its Content-Encoding, which the compression tests check.
 */
import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** `rawGet` asking for `acceptEncoding` (none when null). */
export function rawGetEncoded(url: string, acceptEncoding: string | null): Promise<RawAnswer> {
  return rawGet(url, acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding });
}
