// For the levels-of-need <iframe data-threshold-widget-frame>:
// - sizes it to its content, so it needs no scrollbar of its own. The frame sends a bare number
//   (its height in CSS pixels) and nothing else; this accepts it only from the frame itself, at
//   the origin of its src;
// - tells the frame which part of it is on screen, so it keeps the 999 line and the likely level
//   in view while this page scrolls: two numbers, [top, bottom] in the frame's CSS pixels, sent
//   only to the origin of its src. Nothing about this page or its reader goes with them.
(() => {
  const frame = document.querySelector('iframe[data-threshold-widget-frame]');
  if (!frame) return;
  const origin = new URL(frame.src, document.baseURI).origin;

  let last = '';
  let queued = false;
  function tellVisible() {
    queued = false;
    const win = frame.contentWindow;
    if (!win) return;
    const r = frame.getBoundingClientRect();
    const height = frame.clientHeight;
    if (!(height > 0)) return;
    const top = Math.min(height, Math.max(0, -r.top - frame.clientTop));
    const bottom = Math.max(top, Math.min(height, window.innerHeight - r.top - frame.clientTop));
    const visible = [Math.round(top), Math.round(bottom)];
    if (visible.join() === last) return;
    last = visible.join();
    win.postMessage(visible, origin);
  }
  function queue() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(tellVisible);
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    const height = event.data;
    if (typeof height !== 'number' || !(height > 0) || height > 50000) return;
    frame.style.height = `${Math.ceil(height)}px`;
    last = '';
    queue();
  });
  window.addEventListener('scroll', queue, { passive: true });
  window.addEventListener('resize', queue, { passive: true });
  frame.addEventListener('load', () => { last = ''; queue(); });
})();
