/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: [
        '<rootDir>/server/**/*.spec.ts',
        '<rootDir>/test/server/**/*.spec.ts',
        '<rootDir>/test/simulators/**/*.spec.ts',
      ],
      transform: { '^.+\\.ts$': tsJest },
      setupFiles: ['reflect-metadata'],
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/browser/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      maxWorkers: 1,
    },
  ],
};
