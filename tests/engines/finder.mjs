// Finding an element the way a practitioner does, by its role and accessible name, in the
// page and in the widget's shadow root (script mount). Sent into the page as source text,
// so the same lookup runs in every engine whatever its driver offers.
//   spec: 'Start again' | { role, name, within } | { selector }
//   role: button, link, checkbox, radio, textbox, combobox; name: exact text (spaces folded);
//   within: text the enclosing fieldset's legend or group heading contains.
export const FINDER = String.raw`
const TW_ROLES = {
  button: 'button, [role=button], input[type=button], input[type=submit]',
  link: 'a[href]',
  checkbox: 'input[type=checkbox]',
  radio: 'input[type=radio]',
  textbox: 'input[type=search], input[type=text], input:not([type]), textarea',
  combobox: 'select',
};
const twFold = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
function twAll(selector, root = document, out = []) {
  out.push(...root.querySelectorAll(selector));
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) twAll(selector, el.shadowRoot, out);
  return out;
}
function twName(el) {
  const root = el.getRootNode();
  if (el.getAttribute('aria-labelledby')) {
    return twFold(el.getAttribute('aria-labelledby').split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' '));
  }
  if (el.getAttribute('aria-label')) return twFold(el.getAttribute('aria-label'));
  if (el.labels && el.labels.length) return twFold([...el.labels].map((l) => l.textContent).join(' '));
  return twFold(el.textContent || el.value);
}
// Seen on screen: not hidden, and bigger than the 1 px of a visually hidden skip link.
function twVisible(el) {
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1 && s.visibility !== 'hidden';
}
function twWithin(el) {
  const set = el.closest('fieldset, [role=radiogroup], [role=group]');
  if (!set) return '';
  const legend = set.querySelector('legend');
  if (legend) return twFold(legend.textContent);
  return set.getAttribute('aria-labelledby') ? twName(set) : twFold(set.getAttribute('aria-label'));
}
function twCandidates(spec) {
  if (typeof spec === 'string') spec = { name: spec };
  if (spec.selector) return twAll(spec.selector);
  const selector = spec.role ? TW_ROLES[spec.role] : Object.values(TW_ROLES).join(', ');
  return twAll(selector).filter((el) => (spec.name === undefined || twName(el) === twFold(spec.name))
    && (!spec.within || twWithin(el).includes(spec.within)));
}
function twFind(spec) {
  const all = twCandidates(spec);
  return all.find(twVisible) ?? all[0] ?? null;
}
function twDescribe(spec) {
  return twCandidates(spec).map((el) => ({ name: twName(el), visible: twVisible(el), checked: !!el.checked, text: twFold(el.textContent) }));
}
`;
