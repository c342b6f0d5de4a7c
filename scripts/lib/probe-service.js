// node scripts/lib/probe-service.js postgres|redis <url>: exit 0 when the server answers.
// Plain JS so services.sh can run it before anything is built.
const [kind, url] = process.argv.slice(2);
const timeout = setTimeout(() => process.exit(2), 3000);

function done(ok) {
  clearTimeout(timeout);
  process.exit(ok ? 0 : 1);
}

if (kind === 'postgres') {
  const { Client } = require('pg');
  const target = new URL(url);
  target.pathname = '/postgres';
  const client = new Client({ connectionString: target.toString(), connectionTimeoutMillis: 2500 });
  client
    .connect()
    .then(() => client.query('SELECT 1'))
    .then(() => client.end())
    .then(() => done(true), () => done(false));
} else if (kind === 'redis') {
  const target = new URL(url);
  const socket = require('node:net').connect(Number(target.port || 6379), target.hostname);
  const auth = target.password ? `AUTH ${decodeURIComponent(target.password)}\r\n` : '';
  let answer = '';
  socket.on('connect', () => socket.write(`${auth}PING\r\n`));
  socket.on('data', (chunk) => {
    answer += chunk.toString();
    if (answer.includes('+PONG')) {
      socket.end();
      done(true);
    } else if (answer.includes('-')) done(false);
  });
  socket.on('error', () => done(false));
} else {
  console.error('usage: probe-service.js postgres|redis <url>');
  process.exit(64);
}
