// ONE client of the official socket.io-client package, driven by Dashboard.Tests/Support/SocketIOClient.cs.
// Usage: node socketio-client.mjs <baseUrl> [--namespace /] [--transports websocket|polling|default] [--reconnect]
//   [--auth-callback] [--second-namespace /admin] [--reconnect-delay-ms MS]
//   env SOCKETIO_TOKEN: absent = no auth; present = auth { token } verbatim ("Bearer ..." included). With
//   --auth-callback, auth is the apps' callback form, cb => cb({ token }), reading the token set last (op "token"),
//   and each call is reported (auth{at}). --second-namespace opens a second socket on the same connection (manager),
//   which emits with "namespace" in the command use; its lifecycle is not reported.
// stdout = JSON lines only. Reports: connect{socketId,transport,recovered,pid,at} | connect_error{message,data,at} | disconnect{reason,
//   detail,at} | reconnect{attempt,at} | upgrade{transport,at} | event{name,args,at} | stopped | protocol-error{message}.
//   Replies: sent{id} | ack{id,args} | ack-timeout{id,message} | ack-error{id,message} | done{id}.
// stdin = JSON lines: {"op":"emit","id":N,"event":E,"args":[...]} (+ "ackTimeoutMs":MS to wait for an ack)
//   | {"op":"disconnect","id":N} | {"op":"token","id":N,"token":T} | {"op":"stop"}
//   | {"op":"close-transport","id":N,"hold":B}: closes the engine under the socket, as a network drop would (hold: and
//     stays disconnected until "connect") | {"op":"connect","id":N}: the library connects the same socket again (with
//     its pid and last offset) | {"op":"set-pid","id":N,"pid":P}: replaces the library's private session id (forgery
//     tests) | {"op":"hold","id":N}: the next drop is not retried until "connect". stdin EOF = stop. Logs go to stderr.
import { parseArgs } from "node:util";
import { io } from "socket.io-client";
import { emit, emitEvent, fail as failWith, messageOf, readCommands } from "./driver.mjs";

const fail = (message) => failWith("socketio-client", message);

// "default" leaves the library's own list: polling first, then the upgrade to websocket.
const TRANSPORTS = { websocket: ["websocket"], polling: ["polling"], default: undefined };

// The library's fixed text for an ack that did not come in time (socket.js, _registerAckCallback); the only other
// error an ack callback gets is "socket has been disconnected".
const ACK_TIMED_OUT = "operation has timed out";

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    namespace: { type: "string", default: "/" },
    transports: { type: "string", default: "default" },
    reconnect: { type: "boolean", default: false },
    "auth-callback": { type: "boolean", default: false },
    "second-namespace": { type: "string" },
    "reconnect-delay-ms": { type: "string" },
  },
});

const url = positionals[0];
if (!url) {
  fail("usage: node socketio-client.mjs <baseUrl> [--namespace /admin] [--transports websocket|polling|default] [--reconnect]");
}
if (!(options.transports in TRANSPORTS)) {
  fail(`unknown transports '${options.transports}' (websocket, polling, default)`);
}
const namespace = options.namespace.startsWith("/") ? options.namespace : `/${options.namespace}`;

const socketOptions = {
  transports: TRANSPORTS[options.transports],
  // Off by default so that a drop is reported once and stays visible; on, short delays keep restart tests quick.
  reconnection: options.reconnect,
  reconnectionDelay: 200,
  reconnectionDelayMax: 1000,
};
// A fixed, longer delay: a test does things on the server while the app is away, then the app comes back by itself.
if (options["reconnect-delay-ms"] !== undefined) {
  const delay = Number(options["reconnect-delay-ms"]);
  Object.assign(socketOptions, { reconnectionDelay: delay, reconnectionDelayMax: delay, randomizationFactor: 0 });
}
let token = process.env.SOCKETIO_TOKEN;
if (options["auth-callback"]) {
  // The library calls it for every CONNECT it sends: the first one, and each socket.connect() after a server disconnect.
  socketOptions.auth = (cb) => {
    emit({ type: "auth", at: Date.now() });
    cb({ token });
  };
} else if (token !== undefined) {
  socketOptions.auth = { token };
}

// io() reads the namespace from the URL's path, so the base address must contribute only its origin.
const socket = io(new URL(url).origin + namespace, socketOptions);
const second = options["second-namespace"] ? socket.io.socket(options["second-namespace"], { auth: socketOptions.auth }) : null;
const socketFor = (command) => (command.namespace && second && command.namespace === second.nsp ? second : socket);

// Data from the server may carry functions (a server-side ack request) that JSON cannot carry: report them as null.
const plain = (args) => args.map((arg) => (typeof arg === "function" ? null : arg));

// Error objects serialize to {}: keep their message, and drop anything else that is not plain data.
function detailOf(value) {
  if (value === undefined || value === null) {
    return null;
  }
  return value instanceof Error ? value.message : typeof value === "object" ? (value.message ?? null) : String(value);
}

socket.onAny((name, ...args) => emitEvent(name, plain(args)));
// socket._pid is the library's private session id (connection state recovery), reported so tests can reuse or forge it.
socket.on("connect", () =>
  emit({ type: "connect", socketId: socket.id, transport: socket.io.engine.transport.name, recovered: socket.recovered, pid: socket._pid ?? null, at: Date.now() }));
socket.on("connect_error", (error) =>
  emit({ type: "connect_error", message: messageOf(error), data: error.data ?? null, detail: detailOf(error.description), at: Date.now() }));
socket.on("disconnect", (reason, description) => emit({ type: "disconnect", reason, detail: detailOf(description), at: Date.now() }));
socket.io.on("reconnect", (attempt) => emit({ type: "reconnect", attempt, at: Date.now() }));
// Each (re)connection opens a new engine; hook it as it opens, before the probe that may upgrade it can finish.
socket.io.on("open", () => {
  socket.io.engine.on("upgrade", (transport) => emit({ type: "upgrade", transport: transport.name, at: Date.now() }));
});

function emitWithAck(command, args) {
  // The callback form, not emitWithAck(): that one resolves with the first ack argument only.
  socketFor(command).timeout(command.ackTimeoutMs).emit(command.event, ...args, (error, ...ackArgs) => {
    if (error) {
      const type = error.message === ACK_TIMED_OUT ? "ack-timeout" : "ack-error";
      emit({ type, id: command.id, message: messageOf(error) });
    } else {
      emit({ type: "ack", id: command.id, args: plain(ackArgs) });
    }
  });
}

let stopping = false;
function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  socket.disconnect();
  emit({ type: "stopped" });
  process.exit(0);
}

function handle(command) {
  const args = Array.isArray(command.args) ? command.args : [];
  switch (command.op) {
    case "emit":
      if (typeof command.ackTimeoutMs === "number") {
        emitWithAck(command, args);
      } else {
        // Written to the transport now, or queued by the library until the socket (re)connects.
        socketFor(command).emit(command.event, ...args);
        emit({ type: "sent", id: command.id });
      }
      break;
    case "disconnect":
      // Emits "disconnect" (io client disconnect) synchronously when connected, so it precedes the reply.
      socket.disconnect();
      emit({ type: "done", id: command.id });
      break;
    case "token":
      // The next handshake's token, as an app that signed in again: its auth callback hands it over, or (object form)
      // it replaces the auth object, to which the library adds its pid and offset.
      token = command.token;
      if (!options["auth-callback"]) {
        socket.auth = { token };
      }
      emit({ type: "done", id: command.id });
      break;
    case "close-transport":
      if (command.hold) {
        socket.io.reconnection(false);
      }
      socket.io.engine.close();
      emit({ type: "done", id: command.id });
      break;
    case "hold":
      // The next drop is final until "connect" (a server restart, say), instead of retried at once.
      socket.io.reconnection(false);
      emit({ type: "done", id: command.id });
      break;
    case "connect":
      socket.io.reconnection(options.reconnect);
      socket.connect();
      emit({ type: "done", id: command.id });
      break;
    case "set-pid":
      socket._pid = command.pid;
      emit({ type: "done", id: command.id });
      break;
    case "stop":
      stop();
      break;
    default:
      emit({ type: "protocol-error", message: `unknown op '${command.op}'` });
  }
}

// The test process went away (or closed our stdin): stop cleanly rather than linger.
readCommands(handle, stop);
