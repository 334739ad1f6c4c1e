import type { Server } from 'node:http';
import { errorBody } from './error-handler';

/**
 * Requests Node's HTTP parser rejects (control characters in headers, oversized headers,
 * garbage request lines) never reach Express; answer them in our error shape too.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify(
      errorBody(
        'bad_request',
        tooLarge ? 'request headers are too large' : 'malformed HTTP request',
      ),
    );
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
