import type { Figure } from './figures';
import { type ReliabilityWorld, SECRETS } from './world';

const PARALLEL_GUESSES = 200;

/** Repeated bad logins from one address are throttled, also when sent all at once; another address still signs in. */
export async function checkBruteForce(world: ReliabilityWorld): Promise<Figure[]> {
  const attacker = '203.0.113.66';
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    statuses.push(
      (
        await world.request(
          'POST',
          '/api/auth/login',
          { username: 'admin', password: `guess-${i}` },
          { auth: false, ip: attacker },
        )
      ).status,
    );
  }
  const throttledAt = statuses.indexOf(429);
  const goodFromAttacker = await world.request(
    'POST',
    '/api/auth/login',
    { username: 'admin', password: SECRETS.admin },
    { auth: false, ip: attacker },
  );
  const goodFromOther = await world.request(
    'POST',
    '/api/auth/login',
    { username: 'admin', password: SECRETS.admin },
    { auth: false, ip: '198.51.100.77' },
  );
  const retryAfter = Number(goodFromAttacker.headers.get('retry-after'));
  // All at once: the limit must hold while earlier password checks are still running.
  const parallel = await Promise.all(
    Array.from({ length: PARALLEL_GUESSES }, (_, i) =>
      world.request(
        'POST',
        '/api/auth/login',
        { username: 'admin', password: `parallel-guess-${i}` },
        { auth: false, ip: '203.0.113.67' },
      ),
    ),
  );
  const checked = parallel.filter((r) => r.status === 401).length;
  const refused = parallel.filter((r) => r.status === 429).length;
  return [
    {
      check: 'brute force',
      figure: 'bad logins answered 401 before throttling (limit 5)',
      value: throttledAt === -1 ? 'never throttled' : throttledAt,
      pass: throttledAt === 5 && statuses.slice(5).every((s) => s === 429),
    },
    {
      check: 'brute force',
      figure: 'the throttled address, even with the right password',
      value: `${goodFromAttacker.status}, Retry-After ${retryAfter} s`,
      pass: goodFromAttacker.status === 429 && retryAfter > 0,
    },
    {
      check: 'brute force',
      figure: `parallel wrong logins that reached the password check, of ${PARALLEL_GUESSES} (limit 5)`,
      value: `${checked} (the other ${refused} answered 429)`,
      pass: checked === 5 && refused === PARALLEL_GUESSES - 5,
    },
    {
      check: 'brute force',
      figure: 'a good login from another address',
      value: goodFromOther.status,
      pass: goodFromOther.status === 200,
    },
  ];
}
