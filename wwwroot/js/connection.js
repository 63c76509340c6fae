// The circuit's connection, shown to the user. blazor.web.js drives the page's own #components-reconnect-modal
// with components-reconnect-{show,hide,failed,rejected} classes (the documented custom reconnect UI, the same in
// the .NET 9 and .NET 10 scripts); this script mirrors that state into every live-status badge, and reloads the
// page when the server no longer knows the circuit (after a restart), as Blazor's default display would.
(() => {
  const labels = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' };
  const badges = new Set();
  let attached = false;

  function modalState() {
    const modal = document.getElementById('components-reconnect-modal');
    if (!modal) return null;
    const c = modal.classList;
    if (c.contains('components-reconnect-rejected')) return 'rejected';
    if (c.contains('components-reconnect-failed')) return 'offline';
    if (c.contains('components-reconnect-show')) return 'reconnecting';
    return null;
  }

  function render() {
    const modal = modalState();
    if (modal === 'rejected') {
      location.reload();
      return;
    }
    const state = modal ?? (navigator.onLine === false ? 'offline' : attached ? 'live' : 'connecting');
    document.documentElement.classList.toggle('is-stale', attached && state !== 'live');
    for (const badge of badges) {
      if (badge.dataset.state === state) continue;
      badge.dataset.state = state;
      badge.querySelector('.live-status-text').textContent = labels[state];
      badge.title = state === 'live' ? 'Figures update as changes happen' : 'Figures may be out of date until the connection returns';
    }
  }

  function start() {
    const modal = document.getElementById('components-reconnect-modal');
    if (modal) {
      new MutationObserver(render).observe(modal, { attributes: true, attributeFilter: ['class'] });
      modal.querySelector('[data-reconnect-retry]')?.addEventListener('click', async () => {
        if (!(await window.Blazor?.reconnect?.())) location.reload();
      });
    }
    window.addEventListener('offline', render);
    window.addEventListener('online', render);
  }

  window.dashboardConnection = {
    // Called by the LiveStatus component once it runs interactively, i.e. once the circuit is up.
    attach(badge) {
      badges.add(badge);
      attached = true;
      render();
    },
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
