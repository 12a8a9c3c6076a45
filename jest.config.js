/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

// Tiers: `unit` is the fast tier (`npm run test:fast`): pure logic (`*.unit.spec.ts`) and controller
// specs (`*.controller.spec.ts`) that boot one controller with the real pipe and guard, no simulators.
// `client` holds the Angular app's non-page logic. `server` is everything that boots the panel or a
// simulator over real HTTP; `browser` drives chromium. `npm test` runs every project.
const FAST = ['\\.unit\\.spec\\.ts$', '\\.controller\\.spec\\.ts$'];

module.exports = {
  testTimeout: 60000,
  // Two workers even on two cores (jest's default there is one): most suites wait on sockets,
  // simulators, daemons and chromium rather than compute, and the suite must pass with both cores busy.
  maxWorkers: 2,
  testSequencer: '<rootDir>/test/support/slowest-first.sequencer.mjs',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/server/**/*.unit.spec.ts', '<rootDir>/test/server/**/*.controller.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      setupFiles: ['reflect-metadata', '<rootDir>/test/support/silent-nest-logger.ts'],
    },
    {
      displayName: 'client',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/client/**/*.spec.ts'],
      // The client compiles for a bundler (`module: preserve`); the specs need CommonJS. Angular ships
      // only ES modules (.mjs), so ts-jest rewrites those too; rxjs has its own CommonJS build.
      transform: { '^.+\\.(ts|mjs)$': ['ts-jest', { tsconfig: 'test/client/tsconfig.jest.json' }] },
      transformIgnorePatterns: ['/node_modules/(?!@angular/)'],
      moduleFileExtensions: ['ts', 'mjs', 'js', 'json'],
      setupFiles: ['<rootDir>/test/client/jit-compiler.setup.ts'],
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: [
        '<rootDir>/server/**/*.spec.ts',
        '<rootDir>/test/server/**/*.spec.ts',
        '<rootDir>/test/simulators/**/*.spec.ts',
      ],
      testPathIgnorePatterns: ['/node_modules/', ...FAST],
      transform: { '^.+\\.ts$': tsJest },
      setupFiles: ['reflect-metadata', '<rootDir>/test/support/silent-nest-logger.ts'],
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/browser/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      // The image (Dockerfile, docker/) built and run on a real Docker engine (test/peers/docker-peer.sh,
      // needs root), and docker-compose.yml.example checked by docker-compose.
      displayName: 'docker',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/docker/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
  ],
};
