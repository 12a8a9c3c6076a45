import { Logger } from '@nestjs/common';

// Jest setup file: services built directly in a test log through Nest's static Logger, whose default
// ConsoleLogger would print into jest's output. A panel booted by a test replaces it with its own
// PanelLogger, whose lines the test can read from `panel.logs`.
Logger.overrideLogger(false);
