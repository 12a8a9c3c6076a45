import type { LoggerService, Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { createSecretKey, randomBytes } from 'node:crypto';
import { get } from 'node:http';
import request from 'supertest';
import { configureRequestHandling } from '../../../server/app.setup';
import { AuthGuard } from '../../../server/auth/auth.guard';
import { JwtSecretService } from '../../../server/auth/jwt-secret.service';
import { IS_PUBLIC } from '../../../server/auth/public.decorator';
import { RefreshTokenStore } from '../../../server/auth/refresh-token.store';
import { ConfigStore } from '../../../server/config/config.store';

export const SPEC_ADMIN = 'admin';
export const SPEC_SESSION = 'spec-session';

/** Each method a jest.Mock of the same signature; other members as they are. */
export type Mocked<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<R, A> : T[K];
};

export interface ControllerContext {
  /** supertest against the app, e.g. `ctx.http().get('/api/health')`. */
  http: () => ReturnType<typeof request>;
  /** The same, signed in as the admin. */
  admin: () => ReturnType<typeof request.agent>;
  /** `Authorization` header value carrying a valid access token of the admin. */
  auth: string;
  /** The automatic mock that stands in for a provider the controller injects. */
  mock: <T>(type: Type<T>) => Mocked<T>;
  /**
   * Opens an event stream as the admin and reads until `until` appears in the text (or the stream ends),
   * then hangs up: event streams do not end on their own.
   */
  stream: (path: string, until: string) => Promise<StreamedResponse>;
  /** From now until `reset`, the guard treats the token's session as signed out. */
  revokeSession: () => void;
  /** Clears recorded calls and stubs; an un-stubbed call fails again. */
  reset: () => void;
  close: () => Promise<void>;
}

export interface StreamedResponse {
  status: number;
  contentType: string | undefined;
  text: string;
}

function readStream(url: string, authorization: string, until: string): Promise<StreamedResponse> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers: { authorization, accept: 'text/event-stream' } }, (res) => {
      let text = '';
      const done = () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text });
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes(until)) done();
      });
      res.on('end', done);
    });
    req.on('error', reject);
  });
}

const silent: LoggerService = { log() {}, error() {}, warn() {}, debug() {}, verbose() {}, fatal() {} };

/** Nest calls these on every provider; a mock has no start-up or shutdown work. */
const LIFECYCLE = new Set([
  'constructor',
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
]);

/** Every method of the class (and its bases), as a jest.fn that throws until a test stubs it. */
export function automock(type: Type<unknown>): { value: Record<string, unknown>; reset: () => void } {
  const methods = new Map<string, jest.Mock>();
  for (let proto = type.prototype as object; proto && proto !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (LIFECYCLE.has(name) || methods.has(name) || typeof descriptor?.value !== 'function') continue;
      methods.set(name, jest.fn());
    }
    proto = Object.getPrototypeOf(proto) as object;
  }
  const value: Record<string, unknown> = Object.fromEntries(methods);
  // Getters and fields are not mocked: a test assigns them, and reset forgets them.
  const reset = () => {
    for (const key of Object.keys(value)) if (!methods.has(key)) delete value[key];
    for (const [name, fn] of methods) {
      fn.mockReset().mockImplementation(() => {
        throw new Error(`${type.name}.${name} was called without a stub`);
      });
    }
  };
  reset();
  return { value, reset };
}

/**
 * Boots only `controller` under /api with the panel's own body limit, validation pipe, error filter and
 * deny-by-default guard, signing tokens with a real key. Every provider the controller injects is an
 * automatic mock, so a new constructor parameter needs no change here. No config file, database or network.
 */
export async function controllerSetup(controller: Type<unknown>): Promise<ControllerContext> {
  const secret = randomBytes(48).toString('base64url');
  const mocks = new Map<unknown, ReturnType<typeof automock>>();
  const tokens = { isFamilyRevoked: jest.fn() };
  const moduleRef = await Test.createTestingModule({
    imports: [JwtModule.register({})],
    controllers: [controller],
    providers: [
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: JwtSecretService, useValue: { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) } },
      { provide: ConfigStore, useValue: { get: () => ({ admin: { username: SPEC_ADMIN } }) } },
      { provide: RefreshTokenStore, useValue: tokens },
    ],
  })
    .useMocker((token) => {
      if (typeof token !== 'function') return {};
      const mock = automock(token as Type<unknown>);
      mocks.set(token, mock);
      return mock.value;
    })
    .setLogger(silent)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: silent });
  configureRequestHandling(app, {});
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const access = await app
    .get(JwtService)
    .signAsync(
      { sub: SPEC_ADMIN, sid: SPEC_SESSION, typ: 'access' },
      { secret, algorithm: 'HS256', expiresIn: 900 },
    );
  const reset = () => {
    for (const mock of mocks.values()) mock.reset();
    tokens.isFamilyRevoked.mockReset().mockReturnValue(false);
  };
  reset();
  return {
    http: () => request(url),
    admin: () => request.agent(url).set('Authorization', `Bearer ${access}`),
    auth: `Bearer ${access}`,
    mock: <T>(type: Type<T>) => {
      const mock = mocks.get(type);
      if (!mock) throw new Error(`${controller.name} does not inject ${type.name}`);
      return mock.value as unknown as Mocked<T>;
    },
    stream: (path, until) => readStream(`${url}${path}`, `Bearer ${access}`, until),
    revokeSession: () => tokens.isFamilyRevoked.mockReturnValue(true),
    reset,
    close: () => app.close(),
  };
}

export interface ControllerRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Under /api, each `:param` filled with `x`. */
  path: string;
  isPublic: boolean;
}

const VERBS: Partial<Record<RequestMethod, ControllerRoute['method']>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

/** The routes the controller declares, read from Nest's metadata so a route added later is covered. */
export function routesOf(controller: Type<unknown>): ControllerRoute[] {
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const proto = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto).flatMap((name) => {
    const handler = proto[name];
    if (name === 'constructor' || typeof handler !== 'function') return [];
    const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
    const method = VERBS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
    if (path === undefined || !method) return [];
    const full = ['/api', base, path]
      .filter((p) => p && p !== '/')
      .join('/')
      .replace(/\/+/g, '/');
    return [
      {
        method,
        path: full.replace(/:[^/]+/g, 'x'),
        isPublic: Reflect.getMetadata(IS_PUBLIC, handler) === true,
      },
    ];
  });
}

/**
 * Every route of the controller answers 401 without a token, and exactly `publicRoutes`
 * (`'get /api/health'`) are marked @Public().
 */
export function itGuardsEveryRoute(
  controller: Type<unknown>,
  context: () => ControllerContext,
  publicRoutes: string[] = [],
): void {
  const routes = routesOf(controller);
  it('marks only the expected routes public', () => {
    expect(routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`)).toEqual(publicRoutes);
  });
  it.each(routes.filter((r) => !r.isPublic).map((r) => [r.method, r.path] as const))(
    '%s %s answers 401 without a token',
    async (method, path) => {
      const res = await context().http()[method](path).send({});
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Sign in first: this route needs an access token in the Authorization header.',
        detail: 'Sign in first: this route needs an access token in the Authorization header.',
      });
    },
  );
}

/** A 400 of the validation pipe, naming each field in the message and the details. */
export function badRequest(...messages: string[]): Record<string, unknown> {
  const fields = [...new Set(messages.map((m) => m.split(' ')[0]))];
  const message = `Invalid request (${fields.join(', ')}): ${messages.join('; ')}`;
  return {
    statusCode: 400,
    error: 'Bad Request',
    message,
    detail: message,
    details: messages.map((message) => ({ field: message.split(' ')[0], message })),
  };
}

/**
 * The usual frame of a controller spec: boots the controller once for the file, resets its mocks
 * before each test, closes it at the end, and checks that every route but `publicRoutes` needs a
 * token. The context it returns stands for the booted one.
 */
export function useController(controller: Type<unknown>, publicRoutes: string[] = []): ControllerContext {
  let booted: ControllerContext | undefined;
  beforeAll(async () => (booted = await controllerSetup(controller)));
  afterAll(() => booted?.close());
  beforeEach(() => current().reset());
  const current = (): ControllerContext => {
    if (!booted) throw new Error(`${controller.name} is used before it was booted (outside a test?)`);
    return booted;
  };
  itGuardsEveryRoute(controller, current, publicRoutes);
  return {
    http: () => current().http(),
    admin: () => current().admin(),
    get auth() {
      return current().auth;
    },
    mock: (type) => current().mock(type),
    stream: (path, until) => current().stream(path, until),
    revokeSession: () => current().revokeSession(),
    reset: () => current().reset(),
    close: () => current().close(),
  };
}
