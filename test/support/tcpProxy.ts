import net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
}

/**
 * A TCP proxy on loopback in front of the real database, so a test can cut the database off
 * (and bring it back), or freeze it: connections stay open and nothing more gets through, as
 * with a database host that hangs or a network that drops packets, without stopping the server
 * other tests use.
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly pairs = new Set<Pair>();
  private frozen = false;
  port = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  async start(port = 0): Promise<number> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      const pair = { client, upstream };
      this.pairs.add(pair);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.on('close', () => { upstream.destroy(); this.pairs.delete(pair); });
      upstream.on('close', () => client.destroy());
      if (this.frozen) {
        client.pause();
        upstream.pause();
      } else {
        client.pipe(upstream).pipe(client);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Stop passing bytes either way, on open and new connections alike, without closing any. */
  freeze(): void {
    this.frozen = true;
    for (const { client, upstream } of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** Pass bytes again; what was held back arrives now. */
  thaw(): void {
    this.frozen = false;
    for (const { client, upstream } of this.pairs) client.pipe(upstream).pipe(client);
  }

  /** Refuse new connections and cut the open ones, as a crashed database would. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}
