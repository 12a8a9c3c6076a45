import {
  type ClientFormValue,
  createBody,
  rutorrentBody,
  testBody,
  updateBody,
  utorrentBody,
} from '../../../../client/src/app/features/torrent-clients/torrent-client-bodies';
import {
  type TorrentClientRow,
  TYPE_FIELDS,
  fieldsOf,
} from '../../../../client/src/app/features/torrent-clients/torrent-client-form';

const EMPTY: ClientFormValue = {
  name: '',
  type: 'qbittorrent',
  url: '',
  username: '',
  password: '',
  rpc_path: '',
  download_dir: '',
  container: '',
  poll_seconds: null,
  enabled: true,
};
const ROW: TorrentClientRow = {
  id: 'box',
  name: 'Box',
  type: 'rtorrent',
  url: 'https://box.example/RPC2',
  username: 'rt',
  has_password: true,
  rpc_path: '/RPC2',
  download_dir: '/downloads',
  container: 'rtorrent',
  enabled: true,
  poll_seconds: 10,
  seed: null,
  overridden_by_env: [],
};
/** The form of ROW as the dialog opens it. */
const FORM: ClientFormValue = {
  name: 'Box',
  type: 'rtorrent',
  url: 'https://box.example/RPC2',
  username: 'rt',
  password: '',
  rpc_path: '/RPC2',
  download_dir: '/downloads',
  container: 'rtorrent',
  poll_seconds: 10,
  enabled: true,
};
const shown = (type: ClientFormValue['type']) => new Set(TYPE_FIELDS[type]);

describe('torrent client bodies', () => {
  it('creates with what was filled in only, trimmed', () => {
    const v = {
      ...EMPTY,
      name: ' Deluge Two ',
      type: 'deluge' as const,
      url: 'http://h:8112 ',
      password: 'pw',
    };
    expect(createBody({ ...v, username: 'ignored' }, shown('deluge'))).toEqual({
      name: 'Deluge Two',
      type: 'deluge',
      url: 'http://h:8112',
      password: 'pw',
    });
    expect(createBody({ ...v, poll_seconds: 5, enabled: false }, shown('deluge'))).toMatchObject({
      poll_seconds: 5,
      enabled: false,
    });
  });

  it('updates what changed: emptied fields clear, no password keeps the stored one', () => {
    const v = { ...FORM, container: '', username: 'rt2', password: '' };
    expect(updateBody(v, new Set(['container', 'username']), shown('rtorrent'), ROW)).toEqual({
      container: null,
      username: 'rt2',
    });
    expect(updateBody({ ...v, password: 'new' }, new Set(), shown('rtorrent'), ROW)).toEqual({
      password: 'new',
    });
  });

  it('clears the stored settings a new type does not use', () => {
    const v = { ...FORM, type: 'deluge' as const };
    expect(updateBody(v, new Set(['type']), shown('deluge'), ROW)).toEqual({
      type: 'deluge',
      username: null,
      rpc_path: null,
      download_dir: null,
    });
  });

  it('speaks the seed routes: "" for no username, a slash before rpc_path, no null poll period', () => {
    expect(utorrentBody({ username: null, poll_seconds: null })).toEqual({
      url: undefined,
      username: '',
      password: undefined,
      poll_seconds: undefined,
    });
    expect(rutorrentBody({ rpc_path: 'plugins/httprpc/action.php', container: null })).toMatchObject({
      rpc_path: '/plugins/httprpc/action.php',
      container: null,
    });
    expect(fieldsOf({ seed: 'utorrent' }, 'utorrent')).toEqual(['username']);
  });

  it('tests the form as it is, naming the stored client so an empty password means its own', () => {
    const v = { ...FORM, rpc_path: 'plugins/httprpc/action.php' };
    expect(testBody(v, shown('rtorrent'), ROW)).toEqual({
      id: 'box',
      name: 'Box',
      type: 'rtorrent',
      url: 'https://box.example/RPC2',
      username: 'rt',
      rpc_path: 'plugins/httprpc/action.php',
      download_dir: '/downloads',
    });
    expect(
      testBody({ ...v, name: '' }, shown('rtorrent'), { ...ROW, id: 'rutorrent', seed: 'rutorrent' }),
    ).toMatchObject({ id: 'rutorrent', name: 'rTorrent' });
  });
});
