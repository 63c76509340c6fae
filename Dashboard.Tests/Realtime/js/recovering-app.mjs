// The README's recovering app ("Positions and recovery"), for signalr-client.mjs --recovering: live events and
// events:since pages are applied once each, by position; each applied event is reported as an event line. Lifecycle
// reports: reconnecting | reconnected{connectionId} | recovered{pages,position} | reload{reason}.
import { emit, emitEvent } from "./driver.mjs";

export function installRecovery(hub, names) {
  let last = -1; // nothing applied yet (an app keeps this in storage)
  let held = []; // live events held while recovering; null: apply at once
  const apply = (name, payload, position) => {
    if (position <= last) {
      return; // pages and the live stream overlap: apply each once
    }
    last = position;
    emitEvent(name, [payload, position]);
  };
  for (const name of names.filter((n) => n !== "connected")) {
    hub.on(name, (payload, position) => {
      if (typeof position !== "number") {
        emitEvent(name, [payload]); // not from the log (stats:updated, pong, error): nothing to recover
      } else if (held) {
        held.push([name, payload, position]);
      } else {
        apply(name, payload, position);
      }
    });
  }
  hub.onreconnecting(() => {
    held ??= [];
    emit({ type: "reconnecting" });
  });
  hub.onreconnected((connectionId) => emit({ type: "reconnected", connectionId }));
  hub.on("connected", async (connected) => {
    emitEvent("connected", [connected]);
    let pages = 0;
    try {
      for (let more = last >= 0; more; ) {
        const page = await hub.invoke("events:since", { position: last });
        if (page.error) {
          throw page.error;
        }
        pages++;
        page.events.forEach((e) => apply(e.name, e.payload, e.position));
        last = Math.max(last, page.position);
        more = page.more;
      }
      if (last < 0) {
        throw new Error("no state yet");
      }
      emit({ type: "recovered", pages, position: last });
    } catch (error) {
      emit({ type: "reload", reason: error?.code ?? error?.message ?? String(error) }); // an app reloads over REST here
      last = connected.position;
    }
    const queued = held;
    held = null;
    queued.forEach((e) => apply(...e));
  });
}
