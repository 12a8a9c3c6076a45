import { UpstreamError } from './upstream-error';

/**
 * A paged list must add up to the total the upstream reports for it. A page that comes back short
 * (an empty page 2 with a 200) would otherwise pass for "these are all the users", and a sync would
 * delete everyone missing from it.
 */
export function assertCompleteList(service: string, what: string, listed: number, total: number): void {
  if (listed >= total) return;
  throw new UpstreamError(
    service,
    'invalid-response',
    `${service} listed ${listed} of the ${total} ${what} it counts: a page came back short, so the list is incomplete and was not used.`,
  );
}
