import { baseURL } from './browser';

/** A tiny API client with a cookie jar of one session cookie, for tests against the running server. */
export class ApiClient {
  cookie = '';
  constructor(private readonly bearer?: string) {}

  async request(method: string, path: string, body?: unknown, rawBody?: string): Promise<{ status: number; json: any; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseURL()}${path}`, { method, headers, body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)), redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const match = /rsp_session=([^;]*)/.exec(setCookie);
      if (match) this.cookie = match[1] ? `rsp_session=${match[1]}` : '';
    }
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  }
  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body);
  }
  static async signedIn(email: string, password = 'rsp-demo'): Promise<ApiClient> {
    const client = new ApiClient();
    const res = await client.post('/api/v1/session', { email, password });
    if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.json)}`);
    return client;
  }
}
