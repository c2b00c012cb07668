// A tiny stand-in for an old MongoDB server (no MongoDB can run here): it answers every handshake
// (`hello`/`isMaster`, by OP_QUERY or OP_MSG) with the wire version of the version it pretends to be,
// which is all a driver reads before it decides whether it can talk to it.
import net from 'node:net';
import { BSON } from 'bson';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

export interface OldMongo {
  port: number;
  handshakes: number;
  stop(): Promise<void>;
}

export async function startOldMongo(maxWireVersion: number): Promise<OldMongo> {
  const state = { handshakes: 0 };
  const hello = () => ({ ok: 1, ismaster: true, isWritablePrimary: true, maxWireVersion, minWireVersion: 0, maxBsonObjectSize: 16_777_216, maxMessageSizeBytes: 48_000_000, maxWriteBatchSize: 100_000, localTime: new Date(), connectionId: 1 });
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 16 && buf.length >= buf.readInt32LE(0)) {
        const len = buf.readInt32LE(0);
        const requestId = buf.readInt32LE(4);
        const opCode = buf.readInt32LE(12);
        buf = buf.subarray(len);
        state.handshakes++;
        const doc = Buffer.from(BSON.serialize(hello()));
        if (opCode === OP_QUERY) {
          const body = Buffer.alloc(20);
          body.writeInt32LE(0, 0); // responseFlags
          body.writeBigInt64LE(0n, 4); // cursorID
          body.writeInt32LE(0, 12); // startingFrom
          body.writeInt32LE(1, 16); // numberReturned
          socket.write(frame(requestId, OP_REPLY, Buffer.concat([body, doc])));
        } else if (opCode === OP_MSG) {
          const flags = Buffer.alloc(5); // flagBits 0, section kind 0
          socket.write(frame(requestId, OP_MSG, Buffer.concat([flags, doc])));
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    get handshakes() {
      return state.handshakes;
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

function frame(responseTo: number, opCode: number, body: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(Math.floor(Math.random() * 1e9), 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, body]);
}
