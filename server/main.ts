import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { createPanel } from './bootstrap';
import { ConfigError } from './config/config.loader';
import {
  EnvironmentError,
  envFileOf,
  readEnvironment,
  type PanelEnvironment,
} from './config/panel-environment';
import { PanelLogger } from './logging/panel-logger';
import { stopOnSignals } from './stop-on-signals';

async function main(): Promise<void> {
  // A .env file fills in variables the environment does not already set.
  loadDotenv({ path: envFileOf(process.env), quiet: true });
  let environment: PanelEnvironment;
  try {
    environment = readEnvironment(process.env);
  } catch (err) {
    if (!(err instanceof EnvironmentError)) throw err;
    process.stderr.write(`${err.message}\nFix the environment and start the panel again.\n`);
    process.exit(1);
  }
  const logger = new PanelLogger(environment.logLevel, environment.logFormat);
  let app;
  try {
    app = await createPanel({
      logger,
      onCreatedPassword: (password, file) => {
        // Shown once, on the terminal only; the file keeps just its hash.
        process.stdout.write(
          `\nCreated ${file} with a new admin account.\n  username: admin\n  password: ${password}\n` +
            'Write the password down now: it is not stored and will not be shown again.\n\n',
        );
      },
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nFix the file and start the panel again.\n`);
      process.exit(1);
    }
    throw err;
  }
  const { port, host } = environment;
  await app.listen(port, host);
  stopOnSignals(app, logger);
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  logger.log(`Seedbox Panel is listening on http://${shown}:${port}`, 'Bootstrap');
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Seedbox Panel could not start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
