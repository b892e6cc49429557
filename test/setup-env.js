// Every test runs in UTC with a quiet logger, whatever the developer's machine says (STYLE.md habit 9).
process.env.TZ = 'UTC';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL || 'silent';
process.env.NODE_ENV = 'test';
