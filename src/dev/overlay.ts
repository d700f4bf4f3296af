/**
 * Browser code (served as text, never run in Node): the panel that shows a
 * briefing's errors over the last good version of its deck. Every message
 * goes in through textContent, so nothing in it can become markup.
 * Defines `briefdeckOverlay.show(lines)` and `briefdeckOverlay.hide()`.
 */
export const OVERLAY_SCRIPT = String.raw`
var briefdeckOverlay = (function () {
  var ID = "briefdeck-overlay";
  function hide() {
    var old = document.getElementById(ID);
    if (old) old.remove();
  }
  function show(lines) {
    hide();
    var panel = document.createElement("div");
    panel.id = ID;
    panel.setAttribute("role", "alert");
    panel.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:60vh;overflow:auto;" +
      "margin:0;padding:14px 18px;background:rgba(40,8,8,.94);color:#fff;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;" +
      "border-bottom:3px solid #e0483c;box-shadow:0 4px 18px rgba(0,0,0,.4);text-align:left;direction:ltr";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.title = "Hide until the next build";
    close.setAttribute("aria-label", close.title);
    close.style.cssText = "float:right;font:20px/1 sans-serif;background:none;border:0;color:#fff;cursor:pointer";
    close.onclick = hide;
    var title = document.createElement("strong");
    title.textContent = "briefdeck: this briefing has errors; you are seeing its last good version";
    var list = document.createElement("ul");
    list.style.cssText = "margin:8px 0 0;padding:0 0 0 18px";
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.className = "briefdeck-overlay-error";
      item.style.cssText = "white-space:pre-wrap;margin:2px 0";
      item.textContent = String(line);
      list.appendChild(item);
    });
    panel.appendChild(close);
    panel.appendChild(title);
    panel.appendChild(list);
    (document.body || document.documentElement).appendChild(panel);
  }
  return { show: show, hide: hide };
})();
`;
