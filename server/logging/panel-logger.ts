import { LoggerService, LogLevel } from '@nestjs/common';
import { readEnvironment } from '../config/panel-environment';
import { secretRedactor } from '../common/redact';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest's start-up chatter (one line per module and route) is only useful when debugging. */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

export type LogFormat = 'json' | 'text';

export interface LogSink {
  write(line: string): void;
}

/**
 * The one log sink of the process. Every line passes through the secret redactor here, so a secret
 * that slips into a message (an upstream URL with a token, an error echoing a key) never reaches disk.
 */
export class PanelLogger implements LoggerService {
  private maxLevel: number;

  constructor(
    level: LogLevel = 'log',
    private readonly format: LogFormat = 'json',
    private readonly sink: LogSink = process.stdout,
  ) {
    this.maxLevel = LEVELS.indexOf(level);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): PanelLogger {
    const { logLevel, logFormat } = readEnvironment(env);
    return new PanelLogger(logLevel, logFormat);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.maxLevel = Math.max(...levels.map((l) => LEVELS.indexOf(l)));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('fatal', message, rest);
  }

  private emit(requested: LogLevel, message: unknown, rest: unknown[]): void {
    // Nest passes the context as the last string argument, and a stack before it for errors.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const level = requested === 'log' && context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : requested;
    if (LEVELS.indexOf(level) > this.maxLevel) return;
    const stack = typeof args[0] === 'string' ? (args.shift() as string) : undefined;
    const text = typeof message === 'string' ? message : safeJson(message);
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, context, msg: text };
    if (stack) entry.stack = stack;
    if (args.length) entry.extra = args;
    const line =
      this.format === 'json'
        ? safeJson(entry)
        : `${entry.time as string} ${level.toUpperCase().padEnd(7)} ${context ? `[${context}] ` : ''}${text}${stack ? `\n${stack}` : ''}`;
    this.sink.write(`${secretRedactor.redactText(line)}\n`);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
