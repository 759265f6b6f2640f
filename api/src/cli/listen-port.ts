import { createServer } from 'node:net';

/** A failure to listen on HOST:PORT, in words that name the setting to change. */
export function listenProblem(error: unknown, host: string, port: number): Error {
  const code = (error as { code?: string }).code;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE') return new Error(`PORT=${port}: ${where} is in use already (another PCSP Insights, or another program): stop it or choose another PORT`, { cause: error });
  if (code === 'EACCES') return new Error(`PORT=${port}: this user may not listen on ${where} (ports below 1024 need privileges): choose another PORT`, { cause: error });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new Error(`HOST=${host}: no interface of this machine has that address: choose another HOST`, { cause: error });
  return new Error(`Cannot listen on ${where} (HOST, PORT): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** Fails at once when HOST:PORT cannot be listened on, so that start does not load for minutes and then fail. */
export function checkCanListen(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(listenProblem(error, host, port)));
    probe.listen({ host, port }, () => probe.close(() => resolve()));
  });
}
