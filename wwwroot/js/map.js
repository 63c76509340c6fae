// The one bridge between Razor's OrderMap component and Leaflet. A map is created once per element; positions then
// move its marker and extend its track in place. data-lat / data-lng / data-moves say where the marker is and how often
// it moved, which lets a test see it move without looking at pixels. Tiles come from the configured URL; none in tests.
let leaflet;
const maps = new WeakMap();

function loadLeaflet() {
    // Only pages with a map pay for the library, loaded once on first use; its style sheet is a file (the CSP refuses inline styles).
    leaflet ??= window.L ? Promise.resolve(window.L) : Promise.all([
        load("script", { src: "/lib/leaflet/leaflet.js" }),
        load("link", { rel: "stylesheet", href: "/lib/leaflet/leaflet.css" }),
    ]).then(() => window.L, e => { leaflet = undefined; throw e; });
    return leaflet;
}

function load(tag, attributes) {
    return new Promise((resolve, reject) => {
        const element = Object.assign(document.createElement(tag), attributes);
        element.onload = resolve;
        element.onerror = () => reject(new Error("could not load " + (attributes.src ?? attributes.href)));
        document.head.prepend(element);
    });
}

function mark(element, lat, lng, moved) {
    element.dataset.lat = String(lat);
    element.dataset.lng = String(lng);
    if (moved) element.dataset.moves = String(Number(element.dataset.moves ?? 0) + 1);
}

export async function show(element, options) {
    const L = await loadLeaflet();
    if (maps.has(element)) return;
    const map = L.map(element, { zoomControl: true });
    if (options.tileUrl) {
        L.tileLayer(options.tileUrl, { attribution: options.attribution, maxZoom: 19 }).addTo(map);
    }
    const points = (options.track ?? []).map(p => [p.latitude, p.longitude]);
    const track = L.polyline(points, { color: "#206bc4", weight: 3 }).addTo(map);
    const last = options.position ? [options.position.latitude, options.position.longitude] : points.at(-1);
    const marker = L.circleMarker(last ?? [0, 0], { radius: 8, color: "#fff", weight: 2, fillColor: "#d63939", fillOpacity: 1 });
    if (last) {
        marker.addTo(map);
        mark(element, last[0], last[1], false);
        map.setView(last, 15);
    } else {
        map.setView(options.center ?? [12.97, 77.59], 12);
    }
    maps.set(element, { map, track, marker });
}

export function move(element, lat, lng) {
    const state = maps.get(element);
    if (!state) return;
    const point = [lat, lng];
    if (!state.map.hasLayer(state.marker)) state.marker.addTo(state.map);
    state.marker.setLatLng(point);
    state.track.addLatLng(point);
    state.map.panTo(point);
    mark(element, lat, lng, true);
}

export function dispose(element) {
    maps.get(element)?.map.remove();
    maps.delete(element);
}

// Many markers, one per agent out (the Agents page). data-markers counts them; data-moves counts placements.
export async function showMany(element, options) {
    const L = await loadLeaflet();
    if (maps.has(element)) return;
    const map = L.map(element);
    if (options.tileUrl) {
        L.tileLayer(options.tileUrl, { attribution: options.attribution, maxZoom: 19 }).addTo(map);
    }
    const state = { map, markers: new Map() };
    maps.set(element, state);
    map.setView([12.97, 77.59], 12);
    for (const m of options.markers ?? []) place(element, m.id, m.label, m.latitude, m.longitude, false);
    if (state.markers.size > 0) map.fitBounds(L.latLngBounds([...state.markers.values()].map(m => m.getLatLng())), { maxZoom: 15 });
}

export function place(element, id, label, lat, lng, moved = true) {
    const state = maps.get(element);
    if (!state?.markers) return;
    let marker = state.markers.get(id);
    if (!marker) {
        marker = window.L.circleMarker([lat, lng], { radius: 7, color: "#fff", weight: 2, fillColor: "#206bc4", fillOpacity: 1 })
            .bindTooltip(label).addTo(state.map);
        state.markers.set(id, marker);
    }
    marker.setLatLng([lat, lng]);
    element.dataset.markers = String(state.markers.size);
    if (moved) element.dataset.moves = String(Number(element.dataset.moves ?? 0) + 1);
}
