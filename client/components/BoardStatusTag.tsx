import type { BoardStatus } from '../../shared/protocol/api.js';
import { StatusTag } from './StatusTag.js';

export function BoardStatusTag({ status }: { status: BoardStatus }) {
  return status === 'open' ? <StatusTag colour="green">Open</StatusTag> : <StatusTag colour="grey">Archived</StatusTag>;
}
