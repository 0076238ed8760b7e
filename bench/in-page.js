// Runs inside every bench page before its own scripts (Playwright addInitScript). It records, on
// the page's own clock (performance.now(), 0 = navigation start):
//   - firstMarkerAt: the animation frame in which an element of Leaflet's marker pane (a marker or
//     a cluster icon) is first laid out inside the viewport;
//   - regionAt: the animation frame in which a visible region (section or role=region) named
//     `name` first exists, after watchRegion(name);
//   - for one input (arm() then settled()): the time from the input event (keydown, pointerdown or
//     mousedown) to the first animation frame after the last DOM change it caused, once the DOM has
//     been quiet for `quietMs` (changes inside Leaflet's tile pane are not counted), and to the end
//     of that frame's rendering on the main thread (`paintedMs`);
//   - the app's WebAssembly memory, from Trunk's TrunkApplicationStarted event;
//   - the Leaflet maps the page creates, to count their layers (leafletLayers()).
(() => {
  const B = (window.__bench = {
    firstMarkerAt: null,
    regionAt: null,
    wasmMemory: null,
    key: null,
  });

  addEventListener("TrunkApplicationStarted", (e) => {
    const wasm = e.detail && e.detail.wasm;
    if (wasm && wasm.memory) B.wasmMemory = wasm.memory;
  });
  B.wasmBytes = () => (B.wasmMemory ? B.wasmMemory.buffer.byteLength : 0);

  // Leaflet's script ends with `window.L = …`: at that moment, before any map exists, an init hook
  // on L.Map starts keeping each map created, and `L` becomes an ordinary property again.
  B.maps = [];
  try {
    Object.defineProperty(window, "L", {
      configurable: true,
      get: () => undefined,
      set: (value) => {
        Object.defineProperty(window, "L", { value, writable: true, configurable: true, enumerable: true });
        try {
          // Weakly: a map the app has taken down (a kiosk reset builds a new one) must not be
          // kept alive by the bench, with its old container and every node around it.
          value.Map.addInitHook(function () {
            B.maps.push(new WeakRef(this));
          });
        } catch {}
      },
    });
  } catch {}
  /** Layers on the page's Leaflet maps still in the document (tile layers, layer groups, markers), by Leaflet's eachLayer. */
  B.leafletLayers = () => {
    let n = 0;
    for (const ref of B.maps) {
      const map = ref.deref();
      if (map && map._container && map._container.isConnected) map.eachLayer(() => (n += 1));
    }
    return n;
  };

  const onScreen = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none" && Number(style.opacity) > 0;
  };

  const pollMarker = () => {
    if (B.firstMarkerAt !== null) return;
    const pane = document.querySelector(".leaflet-marker-pane");
    if (pane) {
      for (const el of pane.children) {
        if (onScreen(el)) {
          B.firstMarkerAt = performance.now();
          return;
        }
      }
    }
    requestAnimationFrame(pollMarker);
  };
  requestAnimationFrame(pollMarker);

  const accessibleName = (el) => {
    const label = el.getAttribute("aria-label");
    if (label) return label.replace(/\s+/g, " ").trim();
    const ids = el.getAttribute("aria-labelledby");
    if (!ids) return "";
    return ids
      .split(/\s+/)
      .map((id) => (document.getElementById(id) || {}).textContent || "")
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
  };
  const findRegion = (name) => {
    for (const el of document.querySelectorAll("section[aria-label], section[aria-labelledby], [role=region]")) {
      if (el.hidden || (el.checkVisibility && !el.checkVisibility())) continue;
      if (accessibleName(el) === name) return el;
    }
    return null;
  };
  B.watchRegion = (name) => {
    B.regionAt = null;
    const poll = () => {
      if (findRegion(name)) B.regionAt = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  };

  const inTilePane = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    return !!(el && el.closest(".leaflet-tile-pane"));
  };

  /** Starts watching for the next input and the DOM changes after it. */
  B.arm = () => {
    if (B.key && B.key.observer) B.key.observer.disconnect();
    const s = (B.key = { t0: null, firstFrame: null, firstPaint: null, lastChange: null, frame: null, painted: null, changes: 0, observer: null });
    // A message posted from an animation frame arrives once that frame's style, layout and paint
    // on the main thread are done: the end of what a person waits for after an input (as INP).
    const afterPaint = (done) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(null);
    };
    const onInput = (e) => {
      if (s.t0 !== null) return;
      s.t0 = e.timeStamp;
      requestAnimationFrame(() => {
        s.firstFrame = performance.now();
        afterPaint((t) => (s.firstPaint = t));
      });
      for (const type of ["keydown", "pointerdown", "mousedown"]) removeEventListener(type, onInput, true);
    };
    for (const type of ["keydown", "pointerdown", "mousedown"]) addEventListener(type, onInput, true);
    s.observer = new MutationObserver((records) => {
      if (s.t0 === null) return;
      if (records.every((r) => inTilePane(r.target))) return;
      const at = performance.now();
      s.changes += 1;
      s.lastChange = at;
      requestAnimationFrame(() => {
        if (s.lastChange !== at) return;
        s.frame = performance.now();
        afterPaint((t) => {
          if (s.lastChange === at) s.painted = t;
        });
      });
    });
    s.observer.observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  };

  /** Resolves once the DOM has been quiet for quietMs after the armed input (or after timeoutMs). */
  B.settled = (quietMs, timeoutMs) =>
    new Promise((resolve) => {
      const s = B.key;
      const start = performance.now();
      const finish = (result) => {
        s.observer.disconnect();
        resolve(result);
      };
      const check = () => {
        const now = performance.now();
        if (s.t0 === null) {
          if (now - start > timeoutMs) return finish({ status: "no input event" });
          return setTimeout(check, 20);
        }
        const last = s.lastChange === null ? s.t0 : s.lastChange;
        const end = s.lastChange === null ? s.firstFrame : s.frame;
        const painted = s.lastChange === null ? s.firstPaint : s.painted;
        if (now - last >= quietMs && end !== null && painted !== null) {
          return finish({ status: "ok", ms: end - s.t0, paintedMs: painted - s.t0, changes: s.changes });
        }
        if (now - s.t0 > timeoutMs) return finish({ status: "timeout", changes: s.changes });
        setTimeout(check, 20);
      };
      check();
    });

  /** Resolves when no DOM change (outside the tile pane) has happened for quietMs, or after timeoutMs. */
  B.quiet = (quietMs, timeoutMs) =>
    new Promise((resolve) => {
      let last = performance.now();
      const start = last;
      const observer = new MutationObserver((records) => {
        if (!records.every((r) => inTilePane(r.target))) last = performance.now();
      });
      observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
      const check = () => {
        const now = performance.now();
        if (now - last >= quietMs || now - start >= timeoutMs) {
          observer.disconnect();
          resolve(now - last >= quietMs);
        } else setTimeout(check, 50);
      };
      setTimeout(check, 50);
    });

  /** Load timings of the page and of its data file. */
  B.timings = () => {
    // The data file the page was asked to show (`?data=`), else the app's default. Not simply the
    // first GeoJSON requested: the app's page preloads its default file, and its area outlines
    // are GeoJSON too.
    const asked = new URLSearchParams(location.search).get("data");
    let wanted = null;
    try {
      wanted = new URL(asked ?? "data/nagaoka.geojson", location.href).href;
    } catch {}
    const geojson = performance.getEntriesByType("resource").filter((e) => /\.geojson(\?|$)/.test(e.name));
    const data = geojson.find((e) => e.name === wanted) ?? geojson.find((e) => !e.name.includes("/base/"));
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    // The app's own marks (src/app.rs `mark`); the reference page has none.
    const mark = (name) => performance.getEntriesByName(name, "mark")[0]?.startTime ?? null;
    return {
      appStart: mark("nagaoka:start"),
      appMounted: mark("nagaoka:mounted"),
      dataFetched: mark("nagaoka:fetched"),
      dataValidated: mark("nagaoka:data"),
      firstMarker: B.firstMarkerAt,
      interactive: B.regionAt,
      fcp: fcp ? fcp.startTime : null,
      dataStart: data ? data.startTime : null,
      dataEnd: data ? data.responseEnd : null,
    };
  };
})();
