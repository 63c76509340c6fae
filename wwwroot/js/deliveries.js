// The day sheet's quantity inputs (Dashboard/Deliveries): Enter saves and moves to the next row's input, as in a
// spreadsheet (leaving the input fires its change event, which saves); Escape puts back the value the row was shown.
// Both are handled here, so typing costs no round trip per key.
let installed = false;

export function install() {
  if (installed) return;
  installed = true;
  document.addEventListener('keydown', e => {
    const input = e.target;
    if (!(input instanceof HTMLInputElement) || !input.matches('[data-quantity-input]')) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      const inputs = [...document.querySelectorAll('[data-quantity-input]')].filter(i => i.offsetParent !== null);
      const next = inputs[inputs.indexOf(input) + 1];
      if (next) {
        next.focus();
        next.select();
      } else {
        input.blur();
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      input.value = input.dataset.shown;
      // Tell the row (it clears a refused value's message); the value equals what it was shown, so nothing is saved.
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
}
