// A TCP pass-through between a browser and the server, for the failure venue Wi-Fi and a
// locked iPad produce: a connection that stays open while nothing gets through any more, and
// nobody is told. `blackHoleSockets` does that to the websockets open at that moment (bytes
// are dropped both ways, nothing is closed); connections opened afterwards work as before.
import net from "node:net";

type Link = { client: net.Socket; upstream: net.Socket; webSocket: boolean; holed: boolean };

export class BlackHoleProxy {
  private links = new Set<Link>();
  /** How many websockets have been opened through the proxy. */
  webSocketsOpened = 0;
  /** Every HTTP request that crossed, as "METHOD /path?query", in order. */
  readonly requests: string[] = [];

  private constructor(private server: net.Server, readonly url: string) {}

  /** Listens on a free local port and forwards everything to `target` (an http URL). */
  static async start(target: string): Promise<BlackHoleProxy> {
    const { hostname, port } = new URL(target);
    const server = net.createServer();
    const proxy = await new Promise<BlackHoleProxy>((resolve) => {
      server.listen(0, "127.0.0.1", () => {
        const address = server.address() as net.AddressInfo;
        resolve(new BlackHoleProxy(server, `http://127.0.0.1:${address.port}`));
      });
    });
    server.on("connection", (client) => proxy.forward(client, hostname, Number(port || 80)));
    return proxy;
  }

  private forward(client: net.Socket, host: string, port: number) {
    const upstream = net.connect(port, host);
    const link: Link = { client, upstream, webSocket: false, holed: false };
    this.links.add(link);
    let first = true;
    client.on("data", (data) => {
      const opening = first;
      if (first) {
        first = false;
        link.webSocket = /^GET \/ws[ ?]/.test(data.toString("latin1"));
        if (link.webSocket) this.webSocketsOpened += 1;
      }
      if (!link.webSocket || opening) {
        // A browser writes a request's head in one piece; a body never starts a line like this.
        for (const m of data.toString("latin1").matchAll(/(?:^|\r\n)([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/g)) this.requests.push(`${m[1]} ${m[2]}`);
      }
      if (!link.holed) upstream.write(data);
    });
    upstream.on("data", (data) => {
      if (!link.holed) client.write(data);
    });
    // A black-holed link tells neither side anything; an ordinary one passes a close on.
    const end = () => {
      if (link.holed) return;
      client.destroy();
      upstream.destroy();
      this.links.delete(link);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  }

  /** From now on the websockets open now carry nothing, either way, and stay open. */
  blackHoleSockets() {
    for (const link of this.links) if (link.webSocket) link.holed = true;
  }

  async close() {
    for (const link of this.links) {
      link.client.destroy();
      link.upstream.destroy();
    }
    await new Promise((resolve) => this.server.close(resolve));
  }
}
