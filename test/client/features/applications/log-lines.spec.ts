import { appendLines, showLines } from '../../../../client/src/app/features/applications/log-lines';

describe('showLines', () => {
  const lines = [
    { time: '2026-01-01T00:00:00Z', stream: 'stdout', text: 'Starting Plex Media Server' },
    { time: '2026-01-01T00:00:01Z', stream: 'stderr', text: 'warning: plex plex' },
    { time: null, stream: 'stdout', text: 'ready' },
  ];

  it('shows every line without a search, stderr marked', () => {
    const shown = showLines(lines, '  ');
    expect(shown.map((line) => [line.index, line.stderr, line.parts])).toEqual([
      [0, false, [{ text: 'Starting Plex Media Server', match: false }]],
      [1, true, [{ text: 'warning: plex plex', match: false }]],
      [2, false, [{ text: 'ready', match: false }]],
    ]);
  });

  it('keeps the lines holding the search in any case and cuts out every match', () => {
    const shown = showLines(lines, 'PLEX');
    expect(shown.map((line) => line.index)).toEqual([0, 1]);
    expect(shown[1].parts).toEqual([
      { text: 'warning: ', match: false },
      { text: 'plex', match: true },
      { text: ' ', match: false },
      { text: 'plex', match: true },
    ]);
  });
});

describe('appendLines', () => {
  it('keeps the newest lines up to the bound', () => {
    const line = (text: string) => ({ time: null, stream: 'stdout', text });
    expect(appendLines([line('a'), line('b')], [line('c')], 2).map((l) => l.text)).toEqual(['b', 'c']);
  });
});
