// Modal dialogs (Dashboard/Components/Shared/Dialog): focus moves into the dialog when it opens and stays there
// on Tab, Escape presses its close button (so Blazor closes it the usual way, no extra round trip per key), and
// focus returns to whatever opened it once it is gone, so keyboard users keep their place on the page.
(() => {
  const focusable = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), ' +
    'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  const openers = new Map();

  function visible(el) {
    return el.offsetParent !== null || el === document.activeElement;
  }

  window.dashboardDialog = {
    open(dialog, id) {
      openers.set(id, document.activeElement);
      dialog.addEventListener('keydown', e => {
        if (e.key === 'Escape') {
          e.preventDefault();
          dialog.querySelector('[data-dialog-close]')?.click();
          return;
        }
        if (e.key !== 'Tab') return;
        const items = [...dialog.querySelectorAll(focusable)].filter(visible);
        if (items.length === 0) return;
        const [first, last] = [items[0], items[items.length - 1]];
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      });
      const target = dialog.querySelector('[autofocus]') ?? dialog.querySelector('.modal-body ' + focusable.split(', ').join(', .modal-body ')) ?? dialog;
      target.focus();
    },
    closed(id) {
      const opener = openers.get(id);
      openers.delete(id);
      if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
    },
  };
})();
