// What every protocol driver run by Dashboard.Tests/Support/NodeClient.cs shares: stdout carries JSON lines only,
// stdin carries JSON-line commands, and every server event is reported the same way.
import { createInterface } from "node:readline";

// Nothing but protocol lines may reach stdout: route every console method that would print there to stderr.
for (const method of ["log", "info", "debug", "trace"]) {
  console[method] = (...args) => console.error(...args);
}

/** Writes one protocol line to stdout. */
export function emit(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

/** Reports one event received from the server, stamped with its arrival time. */
export function emitEvent(name, args) {
  emit({ type: "event", name, args, at: Date.now() });
}

export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/** Bad command line: say why on stderr and exit with 2, which the C# side reports with that stderr. */
export function fail(driver, message) {
  process.stderr.write(`${driver}: ${message}\n`);
  process.exit(2);
}

/**
 * Calls handle(command) for each JSON line on stdin, without waiting for one to finish before starting the next
 * (a slow invoke must not hold up the others); onEnd runs when stdin closes, i.e. when the test process went away.
 */
export function readCommands(handle, onEnd) {
  const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on("line", (line) => {
    const text = line.replace(/^\uFEFF/, "").trim();
    if (text.length === 0) {
      return;
    }
    let command;
    try {
      command = JSON.parse(text);
    } catch (error) {
      emit({ type: "protocol-error", message: `not JSON: ${messageOf(error)}` });
      return;
    }
    Promise.resolve()
      .then(() => handle(command))
      .catch((error) => emit({ type: "protocol-error", message: messageOf(error) }));
  });
  input.on("close", onEnd);
}
