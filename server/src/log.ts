// A small leveled logger writing one line per event to stderr, so stdout carries only the
// "listening" line that process managers and tests parse.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export type LogContext = Record<string, unknown>

export interface Logger {
  debug(message: string, context?: LogContext): void
  info(message: string, context?: LogContext): void
  warn(message: string, context?: LogContext): void
  error(message: string, context?: LogContext): void
}

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value)
}

function serialize(context: LogContext): string {
  const plain: LogContext = {}
  for (const [key, value] of Object.entries(context)) {
    plain[key] = value instanceof Error ? (value.stack ?? `${value.name}: ${value.message}`) : value
  }
  try {
    return JSON.stringify(plain)
  } catch {
    return '{"context":"unserializable"}'
  }
}

export function createLogger({
  level = 'info',
  write = (line: string) => {
    process.stderr.write(line)
  },
}: {
  level?: LogLevel
  write?: (line: string) => void
} = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(level)
  const log = (at: Exclude<LogLevel, 'silent'>) => (message: string, context?: LogContext) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return
    const suffix = context && Object.keys(context).length > 0 ? ` ${serialize(context)}` : ''
    write(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${suffix}\n`)
  }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

export const silentLogger: Logger = createLogger({ level: 'silent' })
