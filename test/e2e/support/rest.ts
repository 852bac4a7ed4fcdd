/** One REST answer: the status code and the parsed JSON body (null when there is none). */
export interface RestResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/**
 * A Kafka Connect REST client that does what curl does, nothing more: the e2e tests reach the
 * runtime only through it and kcat.
 */
export class ConnectClient {
  constructor(readonly url: string) {}

  get<T = unknown>(path: string): Promise<RestResponse<T>> {
    return this.call('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown): Promise<RestResponse<T>> {
    return this.call('POST', path, body);
  }

  put<T = unknown>(path: string, body?: unknown): Promise<RestResponse<T>> {
    return this.call('PUT', path, body);
  }

  patch<T = unknown>(path: string, body?: unknown): Promise<RestResponse<T>> {
    return this.call('PATCH', path, body);
  }

  delete<T = unknown>(path: string): Promise<RestResponse<T>> {
    return this.call('DELETE', path);
  }

  /** POST /connectors, expecting 201. */
  async create(name: string, config: Record<string, string>): Promise<void> {
    const res = await this.post('/connectors', { name, config });
    if (res.status !== 201) throw new Error(`creating ${name} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  /** GET /connectors/{name}/status, or null while there is none (404). */
  async status(name: string): Promise<ConnectorStatus | null> {
    const res = await this.get<ConnectorStatus>(`/connectors/${encodeURIComponent(name)}/status`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`status of ${name} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<RestResponse<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
  }
}

export interface InstanceStatus {
  state: string;
  worker_id: string;
  trace?: string;
}

export interface ConnectorStatus {
  name: string;
  connector: InstanceStatus;
  tasks: Array<InstanceStatus & { id: number }>;
  type: string;
}

/** "RUNNING/RUNNING,RUNNING": the connector's state and its tasks', for compact assertions. */
export function states(status: ConnectorStatus | null): string {
  if (!status) return 'none';
  return `${status.connector.state}/${status.tasks.map((t) => t.state).join(',')}`;
}
