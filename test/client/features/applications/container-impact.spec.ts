import { actionQuestion } from '../../../../client/src/app/features/applications/container-impact';

describe('actionQuestion', () => {
  const plex = { name: 'plex', service: 'plex' } as const;

  it('names the Plex streams a stop ends, and that Plex stays down', () => {
    const question = actionQuestion('stop', plex, { kind: 'streams', count: 3 });
    expect(question).toEqual({
      title: 'Stop Plex?',
      message: '3 Plex streams will stop. Plex (container "plex") stops until you start it again.',
      confirm: 'Stop',
      destructive: true,
    });
  });

  it.each([
    [{ kind: 'streams', count: 1 } as const, '1 Plex stream will stop.'],
    [{ kind: 'streams', count: 0 } as const, 'Nothing is playing on Plex now.'],
    [{ kind: 'unknown' } as const, 'Plex could not be asked what it is doing.'],
  ])('leads a restart of Plex with what is playing (%j)', (activity, lead) => {
    expect(actionQuestion('restart', plex, activity).message).toBe(
      `${lead} Plex (container "plex") stops while it restarts, usually for a few seconds.`,
    );
  });

  it('counts the active torrents of a torrent client', () => {
    const question = actionQuestion(
      'restart',
      { name: 'utorrent', service: 'utorrent' },
      { kind: 'torrents', count: 12 },
    );
    expect(question.message).toMatch(/^12 active uTorrent torrents will stop transferring\. /);
  });

  it('names the container when no service is linked, and a service alone when its container is unknown', () => {
    expect(actionQuestion('stop', { name: 'sonarr', service: null }, { kind: 'none' }).message).toBe(
      'The container "sonarr" stops until you start it again.',
    );
    expect(
      actionQuestion('restart', { name: '', service: 'rutorrent' }, { kind: 'torrents', count: 0 }).message,
    ).toBe(
      'No rTorrent torrent is moving data now. rTorrent stops while it restarts, usually for a few seconds.',
    );
  });

  it('asks a start without alarm', () => {
    expect(actionQuestion('start', { name: 'sonarr', service: null }, { kind: 'none' })).toEqual({
      title: 'Start sonarr?',
      message: 'The container "sonarr" starts.',
      confirm: 'Start',
      destructive: false,
    });
  });
});
