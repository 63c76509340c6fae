// DateInput (Components/Shared/DateInput.razor): its calendar button opens the browser's own date picker on the hidden
// <input type="date"> beside it. Done here, in the click itself, because showPicker() needs the user's gesture.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-date-picker]') : null;
  const picker = button?.parentElement?.querySelector('.date-input-picker');
  if (picker && typeof picker.showPicker === 'function') {
    try { picker.showPicker(); } catch { picker.focus(); }
  }
});
