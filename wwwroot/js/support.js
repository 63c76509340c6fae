// The Support page's reply box (Dashboard/SupportChat): a sent reply empties the box in place and leaves the caret
// in it for the next line. The box has no value binding (a re-render must never overwrite keys typed since), so it
// is emptied here rather than by rendering.
export function sent(input) {
  input.value = '';
  input.focus();
}
