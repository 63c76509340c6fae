// ONE client of the official @microsoft/signalr package, driven by Dashboard.Tests/Support/SignalRClient.cs.
// Usage: node signalr-client.mjs <hubUrl> [--token T | env SIGNALR_TOKEN] [--transport websockets|longpolling|serversentevents|auto] [--events a,b]
//   [--stateful] (withStatefulReconnect: a dropped WebSocket resumes the same connection)
//   [--recovering] (the README's recovering app, recovering-app.mjs, with automatic reconnect: events are the applied ones)
// stdout = JSON lines only: started{connectionId} | start-failed{message,statusCode} | event{name,args,at} | result{id,result}
//   | invoke-error{id,message} | sent{id} | send-error{id,message} | closed{message} | stopped | protocol-error{message}.
// stdin = JSON lines: {"op":"invoke"|"send","id":N,"method":M,"args":[...]} | {"op":"stop"}; stdin EOF = stop. Logs go to stderr.
import { parseArgs } from "node:util";
import * as signalR from "@microsoft/signalr";
import { emit, emitEvent, fail as failWith, messageOf, readCommands } from "./driver.mjs";
import { installRecovery } from "./recovering-app.mjs";

const DEFAULT_EVENTS = "connected,delivery:updated,payment:added,customer:updated,balance:updated,stats:updated,activity:updated,product:updated,order:new,new-order,order:status:update,order-status-updated,order:cancelled,order:assigned,payment:received,business:status:update,offer:new,stock:updated,stock:low-alert,delivery:status:update,delivery:location:update,pong,error,registered,notification:new,notification,notifications:read,chat:message,chat:read,chat:typing,live-users-update,activity:typing,activity:stop-typing,subscription:updated,route:updated";

const TRANSPORTS = {
  websockets: signalR.HttpTransportType.WebSockets,
  longpolling: signalR.HttpTransportType.LongPolling,
  serversentevents: signalR.HttpTransportType.ServerSentEvents,
  auto: undefined,
};

const fail = (message) => failWith("signalr-client", message);

function statusCodeOf(error) {
  if (typeof error?.statusCode === "number") {
    return error.statusCode;
  }
  // Negotiate failures are re-thrown as FailedToNegotiateWithServerError, which keeps the status only in the text.
  const match = /Status code '(\d{3})'/.exec(String(error?.message ?? error));
  if (match) {
    return Number(match[1]);
  }
  for (const inner of error?.innerErrors ?? []) {
    const code = statusCodeOf(inner);
    if (code !== null) {
      return code;
    }
  }
  return null;
}

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    token: { type: "string" },
    transport: { type: "string" },
    events: { type: "string" },
    stateful: { type: "boolean" },
    recovering: { type: "boolean" },
  },
});

const url = positionals[0] ?? process.env.SIGNALR_URL;
const token = options.token ?? process.env.SIGNALR_TOKEN ?? "";
const transportName = (options.transport ?? process.env.SIGNALR_TRANSPORT ?? "websockets").toLowerCase();
const eventNames = (options.events ?? process.env.SIGNALR_EVENTS ?? DEFAULT_EVENTS)
  .split(",")
  .map((name) => name.trim())
  .filter((name) => name.length > 0);

if (!url) {
  fail("usage: node signalr-client.mjs <hubUrl> [--token T] [--transport websockets|longpolling|serversentevents|auto] [--events a,b,c]");
}
if (!(transportName in TRANSPORTS)) {
  fail(`unknown transport '${transportName}' (websockets, longpolling, serversentevents, auto)`);
}

const httpOptions = { transport: TRANSPORTS[transportName] };
if (token) {
  httpOptions.accessTokenFactory = () => token;
}

// Warnings and errors only, always to stderr. No automatic reconnect: a drop is reported as "closed" (with --stateful, only
// a drop the transport could not resume).
const logger = {
  log(level, message) {
    if (level >= signalR.LogLevel.Warning && level !== signalR.LogLevel.None) {
      process.stderr.write(`[signalr ${signalR.LogLevel[level]}] ${message}\n`);
    }
  },
};

let builder = new signalR.HubConnectionBuilder().withUrl(url, httpOptions).configureLogging(logger);
builder = options.stateful ? builder.withStatefulReconnect() : builder;
builder = options.recovering ? builder.withAutomaticReconnect([0, 500, 1000, 2000, 2000, 5000]) : builder;
const connection = builder.build();

if (options.recovering) {
  installRecovery(connection, eventNames);
} else {
  for (const name of eventNames) {
    connection.on(name, (...args) => emitEvent(name, args));
  }
}

let stopping = false;
connection.onclose((error) => {
  emit({ type: "closed", message: error ? messageOf(error) : null });
});

async function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  try {
    await connection.stop();
  } catch (error) {
    process.stderr.write(`signalr-client: stop failed: ${messageOf(error)}\n`);
  }
  emit({ type: "stopped" });
  process.exit(0);
}

async function handle(command) {
  const args = Array.isArray(command.args) ? command.args : [];
  switch (command.op) {
    case "invoke":
      try {
        const result = await connection.invoke(command.method, ...args);
        emit({ type: "result", id: command.id, result: result === undefined ? null : result });
      } catch (error) {
        emit({ type: "invoke-error", id: command.id, message: messageOf(error) });
      }
      break;
    case "send":
      try {
        await connection.send(command.method, ...args);
        emit({ type: "sent", id: command.id });
      } catch (error) {
        emit({ type: "send-error", id: command.id, message: messageOf(error) });
      }
      break;
    case "stop":
      await stop();
      break;
    default:
      emit({ type: "protocol-error", message: `unknown op '${command.op}'` });
  }
}

try {
  await connection.start();
} catch (error) {
  emit({ type: "start-failed", message: messageOf(error), statusCode: statusCodeOf(error) });
  process.exit(0);
}
emit({ type: "started", connectionId: connection.connectionId ?? null });

// The test process went away (or closed our stdin): stop cleanly rather than linger.
readCommands(handle, stop);
