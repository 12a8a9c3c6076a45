import { JwtService } from '@nestjs/jwt';
import type { Figure } from './figures';
import { fillPath, specRoutes } from './spec-routes';
import { type ReliabilityWorld, SECRETS } from './world';

/** Every non-public route of the spec, four ways without valid credentials: all must answer 401. */
export async function checkAuthCoverage(world: ReliabilityWorld): Promise<Figure[]> {
  const live = await world.login();
  const payload = JSON.parse(Buffer.from(live.split('.')[1], 'base64url').toString()) as { sid: string };
  const jwt = new JwtService();
  const expired = jwt.sign(
    { sub: 'admin', sid: payload.sid, typ: 'access', exp: Math.floor(Date.now() / 1000) - 60 },
    { secret: SECRETS.jwt },
  );
  const forged = jwt.sign(
    { sub: 'admin', sid: payload.sid, typ: 'access' },
    { secret: 'another-secret-of-the-same-length-0123456789abcdef' },
  );
  const revokedSession = await world.request(
    'POST',
    '/api/auth/login',
    { username: 'admin', password: SECRETS.admin },
    { auth: false },
  );
  const revoked = revokedSession.json?.access_token as string;
  await world.request(
    'POST',
    '/api/auth/logout',
    { refresh_token: revokedSession.json?.refresh_token },
    { auth: revoked },
  );

  const variants: Array<[string, string | false]> = [
    ['no token', false],
    ['expired token', expired],
    ['token signed by another secret', forged],
    ['revoked token', revoked],
  ];
  const routes = specRoutes().filter((r) => !r.isPublic);
  const figures: Figure[] = [];
  for (const [label, token] of variants) {
    let ok = 0;
    const failures: string[] = [];
    for (const route of routes) {
      const res = await world.request(
        route.method,
        fillPath(route),
        route.method === 'GET' ? undefined : {},
        { auth: token, timeoutMs: 5000 },
      );
      if (res.status === 401) ok++;
      else failures.push(`${route.method} ${route.template} → ${res.status}`);
    }
    figures.push({
      check: 'auth coverage',
      figure: `routes answering 401 with ${label}`,
      value: `${ok} / ${routes.length}${failures.length ? ` (${failures.slice(0, 3).join('; ')})` : ''}`,
      pass: failures.length === 0,
    });
  }
  return figures;
}
