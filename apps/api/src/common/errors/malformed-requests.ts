import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const ANSWERS: Record<string, { status: number; error: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    error: 'Request Header Fields Too Large',
    message: 'the request line and headers are too large (the URL or a header is too long)',
  },
  HPE_REQUEST_TIMEOUT: { status: 408, error: 'Request Timeout', message: 'the request took too long to arrive' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, error: 'Request Timeout', message: 'the request took too long to arrive' },
};
const MALFORMED = { status: 400, error: 'Bad Request', message: 'the HTTP request is malformed' };

/**
 * Requests Node's HTTP parser refuses (an over-long URL or header, a broken request line)
 * never reach Express. Node would answer them with an empty 4xx; this answers with the same
 * JSON error shape as every other error instead.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = ANSWERS[err.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ statusCode: answer.status, error: answer.error, message: answer.message });
    socket.end(
      `HTTP/1.1 ${answer.status} ${answer.error}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
