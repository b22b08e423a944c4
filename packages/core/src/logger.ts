/** One log method: a structured object first, the message second (pino's order; console works too). */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/**
 * Where the receiver writes what happens: the shape of pino, bunyan-style loggers and a
 * subset of `console`. Each rejection is written once at `warn` (the sender's mistake) or
 * `error` (ours, with the cause and its stack); successes at `debug`.
 */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

/** The levels of {@link createConsoleLogger}, from the most verbose. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Options of {@link createConsoleLogger}. */
export interface ConsoleLoggerOptions {
  /** The least severe level written. @default 'info' */
  level?: LogLevel | undefined;
  /** The console to write to. @default globalThis.console */
  console?: Pick<Console, 'debug' | 'info' | 'warn' | 'error'> | undefined;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * The default logger: one line per event on the console, `hookgate: <message>` followed by the
 * fields (Node prints an `err` field with its stack). Debug lines (successes) are off unless
 * `level: 'debug'`, so a healthy endpoint stays quiet.
 *
 * @example
 * ```ts
 * createReceiver({ scheme, logger: createConsoleLogger({ level: 'debug' }) });
 * ```
 */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const out = options.console ?? globalThis.console;
  const least = LEVELS.indexOf(options.level ?? 'info');
  const method = (level: LogLevel): LogMethod =>
    LEVELS.indexOf(level) < least ? noop : (fields, message) => out[level](`hookgate: ${message}`, fields);
  const logger: Logger = {
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
  };
  enabledLevels.set(logger, least);
  return logger;
}

const noop: LogMethod = () => undefined;

/** The least severe level a console logger writes; other loggers count as writing every level. */
const enabledLevels = new WeakMap<Logger, number>();

/** Whether `logger` writes `level`: lets the receiver skip timing work no one reads. */
export function logsLevel(logger: Logger | undefined, level: LogLevel): boolean {
  if (!logger) return false;
  const least = enabledLevels.get(logger);
  if (least !== undefined) return LEVELS.indexOf(level) >= least;
  // pino exposes isLevelEnabled; honour it where present.
  const probe = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return typeof probe === 'function' ? probe.call(logger, level) : true;
}

/** The logger of a receiver's `logger` option: the default console logger, none, or the caller's. */
export function resolveLogger(option: Logger | false | undefined): Logger | undefined {
  if (option === false) return undefined;
  return neverThrowing(option ?? createConsoleLogger());
}

/**
 * `logger` with every method guarded: a logger that throws (a closed stream, a transport bug)
 * must not turn an answered delivery into a 500 or make `receiver.handle` reject. Its levels
 * stay readable through `isLevelEnabled`, as {@link logsLevel} asks.
 */
function neverThrowing(logger: Logger): Logger {
  const guard =
    (level: LogLevel): LogMethod =>
    (fields, message) => {
      try {
        logger[level](fields, message);
      } catch {
        // Nowhere left to say it: the logger is what failed.
      }
    };
  return Object.assign(
    { debug: guard('debug'), info: guard('info'), warn: guard('warn'), error: guard('error') },
    { isLevelEnabled: (level: LogLevel) => logsLevel(logger, level) },
  );
}
