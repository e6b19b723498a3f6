// A real `whipcount serve` for a browser test: the built binary (WHIPCOUNT_BINARY) on a fresh
// SQLite database in a temporary directory, with the Pakistan case (WHIPCOUNT_SOURCE_DIR) imported,
// on a free loopback port. The test gets its address and an admin, an editor and a viewer token.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

// How long the server may take to print its address, and to stop after SIGTERM (it answers
// requests in flight for up to 10 s, docs/server.md) before it is killed.
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;

export function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the browser tests through CTest ` +
      '(ctest --preset dev -R browser_test), which sets it');
  }
  return value;
}

// Starts the server and resolves once it listens. `public` lets anyone read without a token, as
// a newsroom's page for readers would (writes still need one). Call stop() in an `after` hook:
// it stops the server with SIGTERM and removes the temporary directory, and it throws if the
// server did not exit cleanly, so a crash or a hang during the test fails it.
export async function startServer({ public: isPublic = true } = {}) {
  const binary = requiredEnv('WHIPCOUNT_BINARY');
  const chamberFile = path.join(requiredEnv('WHIPCOUNT_SOURCE_DIR'), 'data', 'pk-na-2022.yaml');
  const dir = await mkdtemp(path.join(tmpdir(), 'whipcount-browser-'));
  const args = ['serve', chamberFile, '--db', path.join(dir, 'desk.db'), '--port', '0', '--quiet'];
  if (isPublic) args.push('--public');
  // The temporary directory as working directory, so nothing the server writes lands elsewhere.
  const child = spawn(binary, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  // Settles when the server has exited, or could not be started at all (no 'exit' follows then).
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ error: error.message }));
  });
  // A test runner that dies without its `after` hooks must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    process.off('exit', killOnExit);
    child.kill('SIGTERM');  // does nothing if it has exited already
    let status = await Promise.race([exited, delay(STOP_TIMEOUT_MS, null, { ref: false })]);
    if (!status) {
      child.kill('SIGKILL');
      await exited;
      status = { hung: `still running ${STOP_TIMEOUT_MS} ms after SIGTERM, killed` };
    }
    await rm(dir, { recursive: true, force: true });
    if (status.code !== 0) {
      throw new Error(`whipcount serve did not stop cleanly: ${JSON.stringify(status)}`);
    }
  }

  try {
    const { url, adminToken } = await readStartup(child, exited);
    const editorToken = await createToken(url, adminToken, 'Desk editor', 'editor');
    const viewerToken = await createToken(url, adminToken, 'Desk viewer', 'viewer');
    return { url, adminToken, editorToken, viewerToken, stop };
  } catch (error) {
    await stop().catch(() => {});  // the startup error is the one worth reporting
    throw error;
  }
}

// Reads the server's first lines until it prints its address. With no token in the new database
// it prints the first admin token before that, on the line after "First admin token ...":
//   First admin token (shown once; keep it, the database holds only its hash):
//     4f2258f3...a504
//   whipcount serve: http://127.0.0.1:44103/ on sqlite:desk.db, readable without a token; ...
// The address is returned without its final slash, so tests write `${url}/api/...`.
function readStartup(child, exited) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail('did not print its address in time'), START_TIMEOUT_MS);
    function fail(why) {
      clearTimeout(timer);
      reject(new Error(`whipcount serve ${why}; it printed:\n${output}`));
    }
    function onData(chunk) {
      output += chunk;
      const address = output.match(/^whipcount serve: (http:\/\/\S+?)\/? on /m);
      if (!address) return;
      const token = output.match(/^First admin token.*\n\s*([0-9a-f]{64})\s*$/m);
      clearTimeout(timer);
      if (!token) return fail('printed no first admin token');
      // From now on only errors matter: stderr goes to the test's output (sanitizer reports, a
      // crash's message) and stdout is drained so that the server never blocks on a full pipe.
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.stdout.resume();
      child.stderr.pipe(process.stderr);
      resolve({ url: address[1], adminToken: token[1] });
    }
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    exited.then((status) => fail(`stopped before serving (${JSON.stringify(status)})`));
  });
}

// Creates a token with the admin token (POST /api/tokens) and returns its secret.
async function createToken(url, adminToken, name, role) {
  const response = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, role }),
  });
  const body = await response.text();
  if (response.status !== 201) {
    throw new Error(`POST /api/tokens (${role}) answered ${response.status}: ${body}`);
  }
  return JSON.parse(body).token;
}
