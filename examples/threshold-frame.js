// Sizes the levels-of-need <iframe data-threshold-widget-frame> to its content, so it needs
// no scrollbar of its own. The frame sends a bare number (its height in CSS pixels) and
// nothing else; this accepts it only from the frame itself, at the origin of its src.
(() => {
  const frame = document.querySelector('iframe[data-threshold-widget-frame]');
  if (!frame) return;
  const origin = new URL(frame.src, document.baseURI).origin;
  window.addEventListener('message', (event) => {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    const height = event.data;
    if (typeof height !== 'number' || !(height > 0) || height > 50000) return;
    frame.style.height = `${Math.ceil(height)}px`;
  });
})();
