// The one bridge between Razor's Chart component and ApexCharts (docs/decisions/0007). A chart is created once per
// element; later data goes through updateOptions/updateSeries on the same instance, so a live page never re-creates
// (and never flickers) a chart. data-updates counts those in-place updates and data-created the creations, which
// lets a test see that a burst of writes cost a few updates and no re-creation.
let apex;

function loadApex() {
    // Only the pages with charts pay for the library: it is loaded on first use, once. Its style sheets come as files
    // too (injectStyleSheet: false below), because the app's Content-Security-Policy refuses inline <style> elements.
    apex ??= window.ApexCharts ? Promise.resolve(window.ApexCharts) : Promise.all([
        load("script", { src: "/lib/apexcharts/apexcharts.min.js" }),
        load("link", { rel: "stylesheet", href: "/lib/apexcharts/apexcharts.css" }),
        load("link", { rel: "stylesheet", href: "/lib/apexcharts/apexcharts-legend.css" }),
    ]).then(() => window.ApexCharts, e => { apex = undefined; throw e; });
    return apex;
}

function load(tag, attributes) {
    return new Promise((resolve, reject) => {
        const element = Object.assign(document.createElement(tag), attributes);
        element.onload = resolve;
        element.onerror = () => reject(new Error("could not load " + (attributes.src ?? attributes.href)));
        document.head.prepend(element); // first, as ApexCharts places its own styles: the app's sheets win ties
    });
}

function formatter(format) {
    const locale = format?.locale || undefined;
    if (format?.kind === "money") {
        const f = new Intl.NumberFormat(locale, { style: "currency", currency: format.currency || "USD", maximumFractionDigits: 0 });
        return v => f.format(v ?? 0);
    }
    const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const suffix = format?.kind === "liters" ? " L" : "";
    return v => f.format(v ?? 0) + suffix;
}

const isCircle = kind => kind === "donut" || kind === "pie";

// Pie-like charts take one flat series with labels; the others take named series over x categories.
function data(kind, categories, series) {
    return isCircle(kind)
        ? { labels: categories, series: series[0]?.data ?? [] }
        : { xaxis: { categories }, series: series.map(s => ({ name: s.name, data: s.data })) };
}

function config(kind, categories, series, options) {
    const format = formatter(options?.format);
    const d = data(kind, categories, series);
    const base = {
        chart: {
            type: kind, height: options?.height ?? 260, fontFamily: "inherit", parentHeightOffset: 0, injectStyleSheet: false,
            toolbar: { show: false }, zoom: { enabled: false },
            // Live updates replace figures; an animation per update would make a busy page twitch.
            animations: { enabled: false },
        },
        series: d.series,
        dataLabels: { enabled: isCircle(kind) },
        legend: { position: "bottom" },
        tooltip: { y: { formatter: format } },
        noData: { text: "No data" },
    };
    if (kind === "line" || kind === "area") {
        base.stroke = { width: 2, curve: "straight" };
    }
    if (isCircle(kind)) {
        base.labels = d.labels;
        base.plotOptions = { pie: { donut: { labels: { show: true, total: { show: true, formatter: w => format(w.globals.seriesTotals.reduce((a, b) => a + b, 0)) }, value: { formatter: v => format(Number(v)) } } } } };
    } else {
        base.xaxis = { categories: d.xaxis.categories, tickAmount: Math.min(6, categories.length), labels: { rotate: 0, hideOverlappingLabels: true } };
        base.yaxis = { labels: { formatter: format } };
        base.grid = { strokeDashArray: 4 };
        // Phones: fewer day labels, so they do not run into each other.
        base.responsive = [{ breakpoint: 576, options: { xaxis: { tickAmount: Math.min(3, categories.length) } } }];
    }
    return merge(base, options?.extra ?? {});
}

function merge(target, source) {
    for (const [key, value] of Object.entries(source)) {
        target[key] = value && typeof value === "object" && !Array.isArray(value) && target[key] && typeof target[key] === "object"
            ? merge({ ...target[key] }, value)
            : value;
    }
    return target;
}

export function create(element, kind, categories, series, options) {
    element.dataset.created = String(Number(element.dataset.created ?? 0) + 1);
    element.dataset.updates = "0";
    element.__chart = (async () => {
        const ApexCharts = await loadApex();
        const chart = new ApexCharts(element, config(kind, categories, series, options));
        await chart.render();
        element.__chartKind = kind;
        element.__chartCategories = JSON.stringify(categories);
        element.dataset.state = "ready";
        return chart;
    })();
    return element.__chart.then(() => undefined);
}

export function update(element, categories, series, options) {
    // One update at a time per chart, in the order the server sent them: the last one sent is what stays drawn.
    element.__queue = (element.__queue ?? Promise.resolve()).then(() => apply(element, categories, series, options)).catch(console.error);
    return element.__queue;
}

async function apply(element, categories, series, options) {
    const chart = await element.__chart;
    if (!chart) {
        return;
    }
    const kind = element.__chartKind;
    const d = data(kind, categories, series);
    const text = JSON.stringify(categories);
    const changes = options ? config(kind, categories, series, options) : {};
    if (text !== element.__chartCategories) {
        // New x values (a longer window): set them without a redraw; updateSeries below draws once.
        element.__chartCategories = text;
        merge(changes, isCircle(kind) ? { labels: d.labels } : { xaxis: { categories, tickAmount: Math.min(6, categories.length) } });
    }
    if (Object.keys(changes).length > 0) {
        delete changes.series;
        await chart.updateOptions(changes, false, false);
    }
    await chart.updateSeries(d.series, false);
    element.dataset.updates = String(Number(element.dataset.updates ?? 0) + 1);
}

export async function destroy(element) {
    const chart = await element.__chart?.catch(() => null);
    element.__chart = undefined;
    chart?.destroy();
}
