import type { Figure } from './figures';
import type { ReliabilityWorld } from './world';

const LEVELS = 10_000;
const LIMIT_MESSAGE = 'The request body is nested deeper than 64 levels.';
const deep = (prefix: string) => `${prefix}${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}}`;

/** Bodies nested 10,000 levels, on the sign-in and on an admin route: refused with a 400, the sign-in audited. */
export async function checkDeepJson(world: ReliabilityWorld): Promise<Figure[]> {
  const login = await world.request('POST', '/api/auth/login', undefined, {
    auth: false,
    ip: '198.51.100.64',
    rawBody: deep('{"username":"deep-reliab","password":'),
  });
  const settings = await world.request('PUT', '/api/tautulli/settings', undefined, {
    rawBody: deep('{"url":'),
  });
  const audit = await world.request('GET', '/api/audit?action=auth.login&outcome=error&q=nested%20deeper');
  const audited = ((audit.json?.items as { status_code: number }[] | undefined) ?? []).filter(
    (e) => e.status_code === 400,
  ).length;
  const health = await world.request('GET', '/api/health');
  const answers = [login, settings];
  return [
    {
      check: 'deep JSON',
      figure: `${LEVELS}-level bodies (sign-in, settings) answered 400 naming the limit (of 2)`,
      value: answers.filter((r) => r.status === 400 && r.json?.message === LIMIT_MESSAGE).length,
      pass: answers.every((r) => r.status === 400 && r.json?.message === LIMIT_MESSAGE),
    },
    {
      check: 'deep JSON',
      figure: 'refused sign-in attempts with a deep body in the audit log (at least 1)',
      value: audited,
      pass: audited >= 1,
    },
    {
      check: 'deep JSON',
      figure: 'panel answers /api/health afterwards',
      value: health.status,
      pass: health.status === 200 && world.alive,
    },
  ];
}
