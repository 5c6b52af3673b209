import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import { createServer as createNetServer, type Server } from 'node:net';

type Listener = (
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
) => void;

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');

/**
 * A plain-text server that answers both HTTP/1.1 and HTTP/2 with prior knowledge (h2c) on one port.
 * The AWS SDK's Kinesis client speaks HTTP/2 by default and kinesalite only HTTP/1.1, so without
 * this, handlers would need a local-only `requestHandler`.
 */
export function createDualProtocolServer(listener: Listener): Server {
  const http1 = createHttpServer(listener);
  const http2 = createHttp2Server(listener);
  return createNetServer((socket) => {
    socket.once('readable', () => {
      const head: Buffer | null = socket.read(HTTP2_PREFACE.length) ?? socket.read();
      if (!head) return socket.destroy();
      socket.unshift(head);
      const target = head.subarray(0, HTTP2_PREFACE.length).equals(HTTP2_PREFACE) ? http2 : http1;
      target.emit('connection', socket);
    });
  });
}
