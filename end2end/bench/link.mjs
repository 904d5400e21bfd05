// The "link" of the venue benchmark: a TCP pass-through between the browser and the server
// that counts every byte crossing it, both ways, whoever sends it (the page, its service worker,
// the websocket, a preload), and the HTTP requests in it. Chromium's own accounting (CDP
// encodedDataLength) misses the service worker's traffic unless it attaches to the worker in
// time, and counts a preload and its reuse separately; this counts what the Wi-Fi carries.
//
//   const link = await openLink("http://127.0.0.1:3000");  // link.base: the URL to browse
//   link.start("join");   // from now on, bytes and requests count for "join"
//   link.snapshot();      // { down, up, requests, paths } of the current bucket so far
//   await link.close();
//
// Requests are counted from the request lines in the browser-to-server bytes of each
// connection (HTTP/1.1: this server speaks plain HTTP, so every request line crosses in clear).
import net from "node:net";

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP\/1\.[01]\r\n/g;

export async function openLink(target) {
  const upstream = new URL(target);
  let bucket = newBucket("idle");
  const sockets = new Set();
  const server = net.createServer((client) => {
    const server = net.connect(Number(upstream.port || 80), upstream.hostname);
    sockets.add(client).add(server);
    let websocket = false;
    client.on("data", (data) => {
      bucket.up += data.length;
      if (!websocket) {
        const text = data.toString("latin1"); // a browser writes a request's head in one piece
        for (const m of text.matchAll(REQUEST_LINE)) {
          bucket.requests++;
          bucket.paths.push(`${m[1]} ${m[2]}`);
          if (/\r\nupgrade: websocket\r\n/i.test(text)) websocket = true;
        }
      }
      server.write(data);
    });
    server.on("data", (data) => {
      bucket.down += data.length;
      client.write(data);
    });
    const end = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    for (const s of [client, server]) s.on("close", end).on("error", end);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    /** Counts from now on into a new bucket named `name`. */
    start(name) {
      bucket = newBucket(name);
    },
    /** The current bucket so far (a copy). */
    snapshot() {
      return { ...bucket, paths: [...bucket.paths] };
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((ok) => server.close(ok));
    },
  };
}

function newBucket(name) {
  return { name, down: 0, up: 0, requests: 0, paths: [] };
}

/** KiB with one decimal, of bytes both ways. */
export const linkKiB = (b) => +((b.down + b.up) / 1024).toFixed(1);
