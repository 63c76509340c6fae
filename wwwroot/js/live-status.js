// Reflects the Blazor circuit's connection in the live-status badge. Blazor's default reconnect display adds
// components-reconnect-* classes to #components-reconnect-modal; we watch them rather than replace the handler,
// so the framework's own retry and reload behaviour stays in charge.
const labels = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' };

function set(element, state) {
  if (element.dataset.state === state) return;
  element.dataset.state = state;
  element.querySelector('.live-status-text').textContent = labels[state];
  element.title = state === 'live' ? 'Figures update as changes happen' : 'Figures may be out of date until the connection returns';
  document.documentElement.classList.toggle('is-stale', state !== 'live');
}

function stateOf(modal) {
  if (!modal) return 'live';
  const c = modal.classList;
  if (c.contains('components-reconnect-failed') || c.contains('components-reconnect-rejected')) return 'offline';
  if (c.contains('components-reconnect-show')) return 'reconnecting';
  return 'live';
}

export function track(element) {
  const update = () => set(element, navigator.onLine === false ? 'offline' : stateOf(document.getElementById('components-reconnect-modal')));
  const observer = new MutationObserver(update);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style'] });
  window.addEventListener('offline', update);
  window.addEventListener('online', update);
  update();
}
