import { type ContainerAction, type LinkedService, SERVICE_NAMES } from './container-labels';

/** What a linked service is doing now, read before asking, so the question can say what stops. */
export type ServiceActivity =
  | { readonly kind: 'streams'; readonly count: number }
  | { readonly kind: 'torrents'; readonly count: number }
  /** The service could not be asked (it may already be down). */
  | { readonly kind: 'unknown' }
  /** Nothing to count: the container is not linked, or its service has no figure for it. */
  | { readonly kind: 'none' };

/** The container an action is about: its name ('' when unknown) and the service linked to it. */
export interface ActionTarget {
  readonly name: string;
  readonly service: LinkedService | null;
}

export interface ActionQuestion {
  readonly title: string;
  readonly message: string;
  readonly confirm: string;
  readonly destructive: boolean;
}

/** What a linked service without a figure to count stops doing. */
const STOPS_DOING: Readonly<Record<LinkedService, string>> = {
  plex: 'Plex stops streaming.',
  tautulli: 'Tautulli stops recording plays; Plex is not affected.',
  utorrent: 'uTorrent stops transferring.',
  rutorrent: 'rTorrent stops transferring.',
  seerr: 'Seerr stops taking requests.',
};

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/**
 * The confirmation of a start, stop or restart, naming what stops: the Plex streams playing, the
 * torrents moving data, or else the service or container itself. A restart says it comes back; a
 * stop says it stays down until started again.
 */
export function actionQuestion(
  action: ContainerAction,
  target: ActionTarget,
  activity: ServiceActivity,
): ActionQuestion {
  const service = target.service ? SERVICE_NAMES[target.service] : null;
  // A service restarted through its own route may not know its container's name.
  const subject = service
    ? target.name
      ? `${service} (container "${target.name}")`
      : service
    : `The container "${target.name}"`;
  if (action === 'start') {
    return {
      title: `Start ${service ?? target.name}?`,
      message: `${subject} starts.`,
      confirm: 'Start',
      destructive: false,
    };
  }
  const label = action === 'stop' ? 'Stop' : 'Restart';
  const core =
    action === 'restart'
      ? `${subject} stops while it restarts, usually for a few seconds.`
      : `${subject} stops until you start it again.`;
  const lead = leadSentence(target.service, activity);
  return {
    title: `${label} ${service ?? target.name}?`,
    message: lead ? `${lead} ${core}` : core,
    confirm: label,
    destructive: true,
  };
}

function leadSentence(service: LinkedService | null, activity: ServiceActivity): string {
  const name = service ? SERVICE_NAMES[service] : '';
  switch (activity.kind) {
    case 'streams':
      return activity.count === 0
        ? `Nothing is playing on ${name} now.`
        : `${plural(activity.count, `${name} stream`)} will stop.`;
    case 'torrents':
      return activity.count === 0
        ? `No ${name} torrent is moving data now.`
        : `${plural(activity.count, `active ${name} torrent`)} will stop transferring.`;
    case 'unknown':
      return `${name} could not be asked what it is doing.`;
    case 'none':
      return service ? STOPS_DOING[service] : '';
  }
}
