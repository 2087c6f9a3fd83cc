import { randomBytes } from 'node:crypto';

/** This process's id among the instances sharing Redis: messages it published itself are recognised by it. */
export function newInstanceId(): string {
  return `i-${randomBytes(8).toString('hex')}`;
}
