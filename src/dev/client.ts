import { OVERLAY_SCRIPT } from "./overlay.js";

/** Where the dev server serves the reload client and takes its WebSocket. */
export const CLIENT_PATH = "/__briefdeck/client.js";
export const SOCKET_PATH = "/__briefdeck/live";

/** What the server tells a page. */
export type LiveMessage =
  | { type: "hello"; server: string }
  | { type: "reload" }
  | { type: "errors"; errors: string[] }
  | { type: "clear" };

/**
 * Browser code (served as text): injected by the dev server only, never by
 * a build. It keeps a WebSocket to the server (reconnecting after a restart)
 * and reloads on request. Before reloading it notes the slide shown, as
 * reveal.js knows it at that moment, so a deck comes back on it: by its id
 * when that slide still exists, else by position.
 */
const CONNECTION_SCRIPT = String.raw`
(function () {
  var script = document.currentScript;
  var page = (script && script.getAttribute("data-page")) || "index";
  var key = "briefdeck-position:" + location.pathname;
  var server = null;

  function remember() {
    if (!window.Reveal || !Reveal.isReady()) return;
    try {
      // Reveal's own state, not the URL: reveal.js writes the hash some time after a move.
      var at = Reveal.getIndices();
      var current = Reveal.getCurrentSlide();
      sessionStorage.setItem(key, JSON.stringify({ id: (current && current.id) || "", h: at.h, v: at.v, f: at.f }));
    } catch (error) {
      // Storage may be off (private mode): the URL hash alone then brings the deck back near it.
    }
  }

  function restore() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(key) || "null");
      sessionStorage.removeItem(key);
    } catch (error) {
      saved = null;
    }
    if (!saved || !window.Reveal) return;
    var go = function () {
      // The same slide by its id when it still exists (slides before it may have been added or split), else the same place.
      var slide = saved.id ? document.getElementById(saved.id) : null;
      var at = slide && slide.matches(".slides section") ? Reveal.getIndices(slide) : null;
      if (at) Reveal.slide(at.h, at.v, saved.f);
      else Reveal.slide(saved.h, saved.v, saved.f);
    };
    if (Reveal.isReady()) go(); else Reveal.on("ready", go);
  }

  function reload() {
    remember();
    location.reload();
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "${SOCKET_PATH}?page=" + encodeURIComponent(page));
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type === "hello") {
        // A restarted server may have rebuilt everything: catch up.
        if (server !== null && server !== message.server) reload();
        server = message.server;
        document.documentElement.setAttribute("data-briefdeck-live", "connected");
      } else if (message.type === "reload") {
        reload();
      } else if (message.type === "errors") {
        briefdeckOverlay.show(message.errors);
      } else if (message.type === "clear") {
        briefdeckOverlay.hide();
      }
    };
    socket.onclose = function () {
      document.documentElement.removeAttribute("data-briefdeck-live");
      setTimeout(connect, 1000);
    };
  }

  restore();
  connect();
})();
`;

/** The whole client, overlay included. */
export function clientScript(): string {
  return `${OVERLAY_SCRIPT}\n${CONNECTION_SCRIPT}`;
}
