import type { InviteLinkStatus } from '../../shared/protocol/api.js';
import { StatusTag } from './StatusTag.js';

export function InviteLinkStatusTag({ status }: { status: InviteLinkStatus }) {
  switch (status) {
    case 'active':
      return <StatusTag colour="green">Active</StatusTag>;
    case 'revoked':
      return <StatusTag colour="red">Revoked</StatusTag>;
    case 'expired':
      return <StatusTag colour="grey">Expired</StatusTag>;
    default:
      return assertNever(status);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown invite link status: ${String(value)}`);
}
