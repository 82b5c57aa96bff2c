// Opens the Control UI's WebSocket as a browser on the public host would (Host and Origin headers) and
// sends the Control UI's connect request; the gateway checks the Origin against allowedOrigins there.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Duplex } from 'node:stream';

export interface ConnectOutcome {
  /** The origin check passed (the connect may still ask for pairing: that is past the origin check). */
  accepted: boolean;
  /** What the gateway said, in one line. */
  detail: string;
  /** The gateway asked to retry (still starting). */
  retry: boolean;
}

const ORIGIN_REFUSED = 'CONTROL_UI_ORIGIN_NOT_ALLOWED';

export function controlUiConnect(socketPath: string, options: { host: string; origin: string; token?: string; timeoutMs: number }): Promise<ConnectOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let socket: Duplex | undefined;
    const finish = (outcome: ConnectOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.destroy();
      req.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ accepted: false, retry: true, detail: `no connect answer within ${options.timeoutMs / 1000}s` }), options.timeoutMs);
    const req = request({
      socketPath,
      path: '/',
      headers: {
        host: options.host,
        origin: options.origin,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
      },
    });
    req.on('response', (response) => finish({ accepted: false, retry: false, detail: `HTTP ${response.statusCode} instead of a WebSocket upgrade` }));
    req.on('error', (error) => finish({ accepted: false, retry: true, detail: error.message }));
    req.on('upgrade', (_response, upgraded: Duplex, head: Buffer) => {
      socket = upgraded;
      const id = `smoke-${randomBytes(4).toString('hex')}`;
      let sent = false;
      const sendConnect = () => {
        if (sent) return;
        sent = true;
        upgraded.write(textFrame(JSON.stringify(connectRequest(id, options.token))));
      };
      // Gateways send connect.challenge first; a short wait covers one that does not.
      setTimeout(sendConnect, 2_000).unref();
      readFrames(upgraded, head, (opcode, payload) => {
        if (opcode === 8) {
          const code = payload.length >= 2 ? payload.readUInt16BE(0) : 0;
          const reason = payload.subarray(2).toString('utf8');
          finish({ accepted: false, retry: /starting/i.test(reason), detail: `closed ${code} ${reason}`.trim() });
          return;
        }
        if (opcode !== 1) return;
        let frame: { type?: string; event?: string; id?: string; ok?: boolean; error?: { message?: string; details?: { code?: string } } };
        try {
          frame = JSON.parse(payload.toString('utf8'));
        } catch {
          return;
        }
        if (frame.type === 'event' && frame.event === 'connect.challenge') sendConnect();
        if (frame.type !== 'res' || frame.id !== id) return;
        if (frame.ok) finish({ accepted: true, retry: false, detail: 'hello-ok' });
        else if (frame.error?.details?.code === ORIGIN_REFUSED) finish({ accepted: false, retry: false, detail: frame.error.message ?? 'origin not allowed' });
        else {
          const message = frame.error?.message ?? 'connect refused';
          // Anything else (pairing, auth) comes after the origin check: the origin was accepted.
          finish({ accepted: !/starting/i.test(message), retry: /starting/i.test(message), detail: `origin accepted; connect answered: ${message}` });
        }
      });
    });
    req.end();
  });
}

/** What the Control UI sends first: its client id and mode are what make the gateway check the Origin. */
function connectRequest(id: string, token: string | undefined): Record<string, unknown> {
  return {
    type: 'req',
    id,
    method: 'connect',
    params: {
      minProtocol: 4,
      maxProtocol: 4,
      client: { id: 'openclaw-control-ui', version: 'smoke', platform: 'linux', mode: 'webchat' },
      role: 'operator',
      scopes: ['operator.read'],
      caps: [],
      ...(token ? { auth: { token } } : {}),
    },
  };
}

/** A client frame: FIN, text, masked (RFC 6455 requires clients to mask). */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x81, 0x80 | length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65536) {
    header[0] = 0x81;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else if (length >= 65536) {
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

/** Server frames (unmasked), reassembling fragments; calls `onFrame` per complete message or control frame. */
export function readFrames(socket: Duplex, head: Buffer, onFrame: (opcode: number, payload: Buffer) => void): void {
  let buffer = head;
  let fragments: Buffer[] = [];
  let fragmentOpcode = 0;
  const drain = () => {
    for (;;) {
      if (buffer.length < 2) return;
      const fin = (buffer[0]! & 0x80) !== 0;
      const opcode = buffer[0]! & 0x0f;
      let length = buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer.length < offset + length) return;
      const payload = buffer.subarray(offset, offset + length);
      buffer = buffer.subarray(offset + length);
      if (opcode >= 8) onFrame(opcode, payload);
      else {
        if (opcode !== 0) fragmentOpcode = opcode;
        fragments.push(payload);
        if (fin) {
          onFrame(fragmentOpcode, Buffer.concat(fragments));
          fragments = [];
        }
      }
    }
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    drain();
  });
  drain();
}
