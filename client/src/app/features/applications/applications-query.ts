import { type ParamMap, type Params } from '@angular/router';

/** Which containers the list shows: all, those up (running, paused, restarting), or those down. */
export type ShowFilter = '' | 'up' | 'down';

/** The list's view, kept in the URL: '' means "any". */
export interface ApplicationsQuery {
  readonly q: string;
  readonly show: ShowFilter;
}

const UP_STATES: ReadonlySet<string> = new Set(['running', 'paused', 'restarting']);

export function isUp(state: string): boolean {
  return UP_STATES.has(state);
}

export function applicationsQueryFromParams(params: ParamMap): ApplicationsQuery {
  const show = params.get('show');
  return { q: params.get('q')?.trim() ?? '', show: show === 'up' || show === 'down' ? show : '' };
}

/** The URL form of a view; defaults become `null` so they leave the URL. */
export function applicationsQueryToParams(query: ApplicationsQuery): Params {
  return { q: query.q || null, show: query.show || null };
}

/** Whether a container passes the view: its name, image or linked service holds the text. */
export function matchesQuery(
  container: {
    readonly name: string;
    readonly image: string;
    readonly state: string;
    readonly service?: string | null;
  },
  query: ApplicationsQuery,
): boolean {
  if (query.show === 'up' && !isUp(container.state)) return false;
  if (query.show === 'down' && isUp(container.state)) return false;
  const needle = query.q.toLowerCase();
  return (
    !needle ||
    container.name.toLowerCase().includes(needle) ||
    container.image.toLowerCase().includes(needle) ||
    (container.service ?? '').includes(needle)
  );
}
