// main.css for a shadow root (widget.js), by a real CSS parser (postcss) instead of regexes
// over the text: the page's root rules become the host's and the widget wrapper's, and rem
// (the partnership page's root font size, which it may set to anything) becomes --tw-rem,
// 16px unless the host sets it. Media queries keep rem (the browser's default size, whatever
// the page says), since only declarations are rewritten.
import postcss from 'postcss';
import selectorParser from 'postcss-selector-parser';
import valueParser from 'postcss-value-parser';

// First: the host page's inherited styles stop at the wrapper; the unit for rem.
const BEFORE = ':host{display:block;--tw-rem:16px}:host([data-contrast="high"]){--tw-rem:20px}.tw-widget{all:initial;display:block}';
// Last: in a partnership's page nothing is fixed over its content. The 999 line (sticky at
// the top, below the page's own sticky header if it sets --tw-sticky-top on the element) and
// the level bar (sticky at the bottom) stay in view only inside the widget's own box. The
// page's scroll-padding is not the widget's to set, so every control carries scroll-margin
// for the bars instead (WCAG 2.4.11), and in-view.js scrolls clear any focus left under one.
const BAR = 'calc(var(--tw-bar-height) + var(--tw-sticky-top, 0px) + var(--tw-rem))';
const AFTER = '.emergency{top:var(--tw-sticky-top,0px)}'
  + '.level-peek{position:sticky;bottom:0}'
  + '.result{top:calc(var(--tw-bar-height) + var(--tw-sticky-top, 0px) + 0.5 * var(--tw-rem))}'
  + `#outcome{scroll-margin-top:${BAR}}`
  + `:is(a[href],button,input,select,textarea,summary,[tabindex]){scroll-margin-top:${BAR};scroll-margin-bottom:calc(4.5 * var(--tw-rem))}`;

/** One compound selector of the page as the shadow root's: `html`/`:root` (with what follows
 *  them in the compound, e.g. `[data-contrast="high"]`) become `:host(...)`, `body` the
 *  wrapper `.tw-widget`, `main` the `#main` that widget.js makes of it. */
const rewriteSelector = selectorParser((selectors) => {
  selectors.walk((node) => {
    const isRoot = (node.type === 'tag' && node.value === 'html') || (node.type === 'pseudo' && node.value === ':root');
    if (isRoot) {
      const rest = [];
      for (let next = node.next(); next && next.type !== 'combinator'; next = next.next()) rest.push(next);
      const host = selectorParser.pseudo({ value: ':host' });
      if (rest.length) {
        const inner = selectorParser.selector();
        for (const n of rest) inner.append(n.remove());
        host.append(inner);
      }
      node.replaceWith(host);
    } else if (node.type === 'tag' && node.value === 'body') {
      node.replaceWith(selectorParser.className({ value: 'tw-widget' }));
    } else if (node.type === 'tag' && node.value === 'main') {
      node.replaceWith(selectorParser.id({ value: 'main' }));
    }
  });
});

/** `1.5rem` -> `calc(1.5 * var(--tw-rem))`, anywhere in a declaration's value. */
function remToVar(value) {
  const parsed = valueParser(value);
  parsed.walk((node) => {
    if (node.type !== 'word') return;
    const unit = valueParser.unit(node.value);
    if (unit && unit.unit.toLowerCase() === 'rem') node.value = `calc(${unit.number} * var(--tw-rem))`;
  });
  return parsed.toString();
}

export function forShadowRoot(css) {
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
    rule.selector = rewriteSelector.processSync(rule.selector);
  });
  root.walkDecls((decl) => { decl.value = remToVar(decl.value); });
  return BEFORE + root.toString() + AFTER;
}
