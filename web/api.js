// The server's API as the page uses it: JSON and text requests with the signed-in token, errors
// as ApiError (the server's JSON error, with its code and HTTP status), and the live stream read
// with fetch, because EventSource cannot send an Authorization header.

export class ApiError extends Error {
  constructor(status, body, etag) {
    const error = body?.error ?? {};
    super(error.message ?? `the server answered ${status}`);
    this.status = status;
    this.code = error.code ?? '';
    this.path = error.path ?? '';
    this.etag = etag;
  }
}

export class Api {
  constructor() {
    this.token = localStorage.getItem('whipcount.token') ?? '';
  }

  setToken(token) {
    this.token = token;
    if (token) localStorage.setItem('whipcount.token', token);
    else localStorage.removeItem('whipcount.token');
  }

  headers(extra = {}) {
    return this.token ? { Authorization: `Bearer ${this.token}`, ...extra } : extra;
  }

  async request(path, { params, method = 'GET', body, headers, as = 'json', signal } = {}) {
    const url = params ? `${path}?${params}` : path;
    const init = { method, headers: this.headers(headers), signal };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(url, init);
    if (!response.ok) {
      let error = null;
      try { error = await response.json(); } catch { /* not JSON: the status says it */ }
      throw new ApiError(response.status, error, response.headers.get('ETag'));
    }
    const result = as === 'json' ? await response.json()
      : as === 'blob' ? await response.blob() : await response.text();
    return { body: result, etag: response.headers.get('ETag') };
  }

  async json(path, params) { return (await this.request(path, { params })).body; }
  async text(path, params) { return (await this.request(path, { params, as: 'text' })).body; }

  // Reads the server-sent events of `path` until `signal` aborts, calling onMessage(event, data)
  // for each and onState('live' | 'reconnecting') as the connection comes and goes; reconnects
  // after a pause that grows to 10 s while the server is away.
  async stream(path, { onMessage, onState, signal }) {
    let pause = 500;
    while (!signal.aborted) {
      try {
        const response = await fetch(path, { headers: this.headers(), signal });
        if (!response.ok) throw new ApiError(response.status, null, null);
        onState('live');
        pause = 500;
        await readEvents(response.body, onMessage);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          onState('refused');
          return;
        }
      }
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 10000);
    }
  }
}

// Splits a text/event-stream into its messages (event name and joined data lines).
async function readEvents(body, onMessage) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onMessage(event, data.join('\n'));
    }
  }
}
