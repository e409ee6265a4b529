import pino from 'pino';

/** Structured JSON logs to stdout; quiet under tests unless LOG_LEVEL asks for more. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'warn' : 'info'),
  base: { service: 'rsp' }
});
