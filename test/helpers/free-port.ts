import { createServer } from 'node:net';

/** A TCP port nobody listens on right now (for a child process's PORT or SANDBOX_PORT). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
