import { createServer } from 'node:net';

// Ports are picked at run time: the machine is shared, and a developer's `npm run dev` may hold
// 3000 and 3900 while the bench runs.
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
