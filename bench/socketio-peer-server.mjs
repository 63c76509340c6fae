// The peer of the Socket.IO benchmark: the Node `socket.io` 4.8 server running Dashboard's broadcast scenario, so that
// scripts/bench-socketio.sh can measure both the same way on the same machine.
//
//   BENCH_PEER_SECRET=<base64, >= 32 bytes> node bench/socketio-peer-server.mjs --port P   prints "listening" when ready
//   BENCH_PEER_SECRET=<same> node bench/socketio-peer-server.mjs --issue-token            prints an Admin JWT, exits
//
// What it does, like Dashboard's /socket.io/ endpoint: Engine.IO polling + websocket on 127.0.0.1 with Dashboard's
// defaults (ping 25 s / 20 s, connect timeout 45 s, 1 MB payloads, no per-message deflate); every connection to `/`
// must carry `auth.token`, an HS256 JWT verified with node:crypto (signature, alg, iss, aud, exp/nbf with 30 s skew,
// role) — else connect_error "Authentication failed" {code: UNAUTHENTICATED}; a connected socket joins user:{sub} and
// role:{role} and gets `connected` {userId, role, customerId}.
// `POST /broadcast` (Authorization: Bearer <a valid token>) with a JSON Payment (id, customerId, customerName, amount, method, paymentDate, note, recordedBy,
// createdAt) emits `payment:added` with it to role:admin, role:staff and customer:{customerId} — Dashboard's rooms for
// that event — and answers 202. With --companions (the default in bench-socketio.sh) it also emits what Dashboard
// sends those rooms after a payment: `balance:updated`, `activity:updated` and `stats:updated`, with payloads shaped
// like Dashboard's, so both servers push the same number of messages of about the same size.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { Server } from "socket.io";
import { die, options } from "./lib.mjs";

const { opt, int } = options({
  port: { type: "string" },
  host: { type: "string", default: "127.0.0.1" },
  companions: { type: "boolean", default: false },
  "issue-token": { type: "boolean", default: false },
});

const ISSUER = "dashboard";
const AUDIENCE = "dashboard-apps";
const SKEW_S = 30;

const secretText = process.env.BENCH_PEER_SECRET ?? "";
const secret = Buffer.from(secretText, "base64");
if (secret.length < 32) {
  die(2, "BENCH_PEER_SECRET must be base64 of at least 32 bytes (e.g. $(head -c 64 /dev/urandom | base64 -w0))");
}

const b64url = (buffer) => Buffer.from(buffer).toString("base64url");
const sign = (input) => createHmac("sha256", secret).update(input).digest();

/** An Admin token with Dashboard's claims (sub, name, email, role, display name, jti, iss, aud, iat, nbf, exp). */
function issueToken() {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(
    JSON.stringify({
      sub: randomUUID(),
      name: "bench-admin@bench.local",
      email: "bench-admin@bench.local",
      role: "Admin",
      display_name: "Bench Admin",
      jti: randomUUID().replaceAll("-", ""),
      iss: ISSUER,
      aud: AUDIENCE,
      iat: now,
      nbf: now,
      exp: now + 12 * 3600,
    }),
  );
  return `${header}.${payload}.${b64url(sign(`${header}.${payload}`))}`;
}

/** The token's claims when it is a valid HS256 JWT for this issuer and audience, else null. */
function verifyToken(token) {
  if (typeof token !== "string") {
    return null;
  }
  if (token.toLowerCase().startsWith("bearer ")) {
    token = token.slice(7).trim();
  }
  const parts = token.split(".");
  if (parts.length !== 3) {
    return null;
  }
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
    if (header.alg !== "HS256") {
      return null;
    }
    const expected = sign(`${parts[0]}.${parts[1]}`);
    const given = Buffer.from(parts[2], "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return null;
    }
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    const now = Date.now() / 1000;
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (claims.iss !== ISSUER || !audiences.includes(AUDIENCE)) {
      return null;
    }
    if (typeof claims.exp !== "number" || claims.exp + SKEW_S < now || (typeof claims.nbf === "number" && claims.nbf - SKEW_S > now)) {
      return null;
    }
    if (typeof claims.sub !== "string" || typeof claims.role !== "string") {
      return null;
    }
    return claims;
  } catch {
    return null;
  }
}

if (opt["issue-token"]) {
  process.stdout.write(issueToken() + "\n");
  process.exit(0);
}

const port = int("port", 1, 65535);
if (opt.host !== "127.0.0.1") {
  die(2, `the peer server listens on 127.0.0.1 only (got ${opt.host})`);
}

const MAX_BODY = 64 * 1024;
const PAYMENT_FIELDS = ["id", "customerId", "amount", "method", "paymentDate", "recordedBy", "createdAt"];
let paidSoFar = 0;
let activityId = 0;

function reply(response, status, body) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

const httpServer = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  if (url.pathname === "/health" && request.method === "GET") {
    reply(response, 200, { status: "ok" });
    return;
  }
  if (url.pathname !== "/broadcast") {
    reply(response, 404, { error: "not found" });
    return;
  }
  if (request.method !== "POST") {
    reply(response, 405, { error: "POST only" });
    return;
  }
  // Dashboard's REST trigger checks the bearer token; so does this one.
  if (verifyToken(/^Bearer /i.test(request.headers.authorization ?? "") ? request.headers.authorization : null) === null) {
    reply(response, 401, { error: "Authentication failed" });
    request.resume();
    return;
  }
  const chunks = [];
  let size = 0;
  request.on("data", (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY) {
      reply(response, 413, { error: "body too large" });
      request.destroy();
      return;
    }
    chunks.push(chunk);
  });
  request.on("end", () => {
    if (size > MAX_BODY) {
      return;
    }
    let payment;
    try {
      payment = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      reply(response, 400, { error: "body is not JSON" });
      return;
    }
    const missing = PAYMENT_FIELDS.filter((name) => payment?.[name] === undefined || payment?.[name] === null);
    if (missing.length > 0) {
      reply(response, 400, { error: `missing ${missing.join(", ")}` });
      return;
    }
    broadcast(payment);
    reply(response, 202, { id: payment.id });
  });
});

/** What Dashboard sends role:admin, role:staff and customer:{id} when a payment is recorded. */
function broadcast(payment) {
  const rooms = ["role:admin", "role:staff", `customer:${payment.customerId}`];
  io.to(rooms).emit("payment:added", payment);
  if (!opt.companions) {
    return;
  }
  paidSoFar += Number(payment.amount) || 0;
  const now = new Date().toISOString();
  io.to(rooms).emit("balance:updated", {
    customerId: payment.customerId,
    customerName: payment.customerName ?? "",
    billed: 0,
    paid: paidSoFar,
    balance: -paidSoFar,
  });
  io.to(["role:admin", "role:staff"]).emit("activity:updated", [
    {
      id: ++activityId,
      at: now,
      userId: randomUUID(),
      userName: payment.recordedBy,
      action: "payment.added",
      entityType: "payment",
      entityId: payment.id,
      summary: `${payment.customerName ?? ""} paid ${Number(payment.amount).toFixed(2)} (${payment.method})`,
      channel: "Api",
      customerId: payment.customerId,
      before: null,
      after: JSON.stringify(payment),
    },
  ]);
  io.to(["role:admin", "role:staff"]).emit("stats:updated", {
    date: payment.paymentDate,
    totalLiters: 0,
    totalSales: 0,
    totalCollection: paidSoFar,
    activeCustomers: 1,
    pendingDeliveries: 0,
    outstandingDues: 0,
    computedAt: now,
  });
}

const io = new Server(httpServer, {
  serveClient: false,
  transports: ["polling", "websocket"],
  pingInterval: 25000,
  pingTimeout: 20000,
  connectTimeout: 45000,
  maxHttpBufferSize: 1_000_000,
  perMessageDeflate: false,
  httpCompression: false,
});

io.use((socket, next) => {
  const claims = verifyToken(socket.handshake.auth?.token);
  if (claims === null) {
    const error = new Error("Authentication failed");
    error.data = { code: "UNAUTHENTICATED" };
    next(error);
    return;
  }
  socket.data.claims = claims;
  next();
});

io.on("connection", (socket) => {
  const { sub, role } = socket.data.claims;
  const customerId = socket.data.claims.customer_id ?? null;
  socket.join([`user:${sub}`, `role:${role.toLowerCase()}`]);
  socket.emit("connected", { userId: sub, role: role.toLowerCase(), customerId });
});

httpServer.on("error", (error) => die(3, `cannot listen on ${opt.host}:${port}: ${error.message}`));
httpServer.listen(port, opt.host, () => {
  process.stdout.write("listening\n");
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    io.close();
    process.exit(0);
  });
}
