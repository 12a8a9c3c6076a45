import type { PlexNode } from '../plex/plex.format';
import type { PlexTvState } from './plextv.state';

/** `GET /api/v2/user`: the token owner. */
export function ownerJson(state: PlexTvState): Record<string, unknown> {
  const o = state.owner;
  return {
    id: o.id,
    uuid: o.uuid,
    username: o.username,
    title: o.title,
    friendlyName: o.friendlyName,
    email: o.email,
    thumb: o.thumb,
    authToken: state.token,
    hasPassword: true,
    home: o.homeSize > 1,
    homeAdmin: true,
    homeSize: o.homeSize,
    restricted: false,
    guest: false,
    protected: false,
    locale: null,
    country: 'DE',
    joinedAt: o.joinedAt,
    confirmed: true,
    twoFactorEnabled: false,
    subscription: { active: true, status: 'Active', plan: 'lifetime', features: ['webhooks'] },
    roles: [],
    entitlements: [],
    profile: {
      autoSelectAudio: true,
      defaultAudioLanguage: 'en',
      defaultSubtitleLanguage: 'en',
      autoSelectSubtitle: 0,
    },
    services: [],
  };
}

/** The same owner as v2 XML (answered when `Accept` is not exactly `application/json`). */
export function ownerXmlNode(state: PlexTvState): PlexNode {
  const json = ownerJson(state);
  const attrs: Record<string, string | number | boolean | undefined> = {};
  for (const [key, value] of Object.entries(json))
    if (value === null) attrs[key] = '';
    else if (typeof value !== 'object') attrs[key] = value as string | number | boolean;
  return {
    tag: 'user',
    attrs,
    children: [{ tag: 'subscription', attrs: { active: true, status: 'Active', plan: 'lifetime' } }],
  };
}
