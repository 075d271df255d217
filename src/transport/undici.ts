import { TLSSocket, type PeerCertificate } from 'node:tls';
import { Pool, ProxyAgent, buildConnector, type Dispatcher } from 'undici';
import { RequestAbortedError, type KibanaError } from '../errors.js';
import { tooLarge } from './body.js';
import { UndiciDeadline } from './deadline.js';
import type { TlsOptions } from '../config.js';
import type { Transport, TransportRequest, TransportResponse } from './types.js';
import { type ExchangeHead, type RawHeaders, UndiciExchange } from './undici-exchange.js';

export interface UndiciTransportOptions {
  origin: string;
  tls: TlsOptions | undefined;
  caFingerprint: string | undefined;
  proxy: string | undefined;
  connections: number;
  maxResponseSize: number;
}

/** Errors of this attempt as `KibanaError`s; undici's own size limit becomes a `DeserializationError`. */
function classify(
  error: unknown,
  deadline: UndiciDeadline,
  request: TransportRequest,
  proxy: string | undefined,
  status?: number,
  maxResponseSize?: number,
): KibanaError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE' && status !== undefined && maxResponseSize !== undefined)
    return tooLarge(undefined, maxResponseSize, status, request.info, error);
  return deadline.error(error, request, proxy);
}

class UndiciResponse implements TransportResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: RawHeaders;
  readonly #exchange: UndiciExchange;
  readonly #deadline: UndiciDeadline;
  readonly #request: TransportRequest;
  readonly #maxSize: number;
  readonly #proxy: string | undefined;

  constructor(
    head: ExchangeHead,
    exchange: UndiciExchange,
    deadline: UndiciDeadline,
    request: TransportRequest,
    maxSize: number,
    proxy: string | undefined,
  ) {
    this.#exchange = exchange;
    this.#deadline = deadline;
    this.#request = request;
    this.#maxSize = maxSize;
    this.#proxy = proxy;
    this.status = head.status;
    this.ok = head.status >= 200 && head.status < 300;
    this.headers = head.headers;
  }

  async text(): Promise<string> {
    try {
      return await this.#exchange.body;
    } catch (error) {
      throw classify(error, this.#deadline, this.#request, this.#proxy, this.status, this.#maxSize);
    } finally {
      this.#deadline.end();
    }
  }

  async discard(): Promise<void> {
    await this.#exchange.discard();
    this.#deadline.end();
  }
}

function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toUpperCase();
}

/** True when any certificate of the presented chain has the pinned SHA-256 fingerprint. */
function chainHasFingerprint(socket: TLSSocket, pinned: string): boolean {
  let certificate: PeerCertificate & { issuerCertificate?: PeerCertificate } = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (certificate?.fingerprint256 && !seen.has(certificate.fingerprint256)) {
    if (normalizeFingerprint(certificate.fingerprint256) === pinned) return true;
    seen.add(certificate.fingerprint256);
    certificate = certificate.issuerCertificate as typeof certificate;
  }
  return false;
}

function connector(tls: TlsOptions | undefined, caFingerprint: string | undefined): buildConnector.connector {
  // A pinned fingerprint replaces chain validation: the CA is usually self-signed and not in any trust store.
  const connect = buildConnector({
    ...tls,
    ...(caFingerprint ? { rejectUnauthorized: false } : {}),
  } as buildConnector.BuildOptions);
  if (!caFingerprint) return connect;
  const pinned = normalizeFingerprint(caFingerprint);
  return (options, callback) =>
    connect(options, (error, socket) => {
      if (error || !(socket instanceof TLSSocket)) return callback(error, socket as never);
      if (chainHasFingerprint(socket, pinned)) return callback(null, socket);
      socket.destroy();
      callback(
        new Error('the server certificate chain does not contain the certificate pinned by caFingerprint'),
        null,
      );
    });
}

/**
 * Sends requests with undici: one keep-alive pool per client (shared by its space-scoped clients),
 * or a proxy agent when `proxy` is set. Built once, when the client is created.
 */
export function undiciTransport(options: UndiciTransportOptions): Transport {
  const connect = connector(options.tls, options.caFingerprint);
  const dispatcher: Dispatcher = options.proxy
    ? new ProxyAgent({
        uri: options.proxy,
        connections: options.connections,
        requestTls: { ...options.tls } as buildConnector.BuildOptions,
        maxResponseSize: options.maxResponseSize,
      })
    : new Pool(options.origin, { connections: options.connections, connect, maxResponseSize: options.maxResponseSize });
  return {
    kind: 'undici',
    async send(request: TransportRequest): Promise<TransportResponse> {
      const { info, signal } = request;
      if (signal?.aborted)
        throw new RequestAbortedError(`${info.method} ${info.path} was aborted by the caller before it was sent`, {
          cause: signal.reason,
          request: info,
        });
      let body = request.body;
      let headers = request.headers;
      if (body instanceof FormData) {
        // undici's own FormData encoder does not accept the global FormData of every Node version.
        const encoded = new Response(body);
        headers = { ...headers, 'content-type': encoded.headers.get('content-type') ?? 'multipart/form-data' };
        body = new Uint8Array(await encoded.arrayBuffer());
      }
      const deadline = new UndiciDeadline(signal, request.timeout);
      const exchange = new UndiciExchange(deadline);
      try {
        // No redirect interceptor is composed in: a 3xx comes back as the answer, as on fetch.
        dispatcher.dispatch(
          {
            origin: request.origin,
            path: request.path,
            method: request.method as Dispatcher.HttpMethod,
            headers,
            body: body as Dispatcher.DispatchOptions['body'],
          },
          exchange,
        );
        const head = await exchange.head;
        return new UndiciResponse(head, exchange, deadline, request, options.maxResponseSize, options.proxy);
      } catch (error) {
        deadline.end();
        throw classify(error, deadline, request, options.proxy);
      }
    },
    close: () => dispatcher.close(),
  };
}
