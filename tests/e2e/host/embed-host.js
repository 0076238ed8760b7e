// Example host page for the embedded map: `?app=<map URL>&w=600&h=450`. It records the map's
// messages in window.mapMessages and sends commands with window.sendToMap(command).
const params = new URLSearchParams(location.search);
const app = new URL(params.get("app"));
const frame = document.getElementById("map");
frame.width = params.get("w") || "600";
frame.height = params.get("h") || "450";
frame.src = app.href;
window.mapMessages = [];
window.addEventListener("message", (event) => {
  if (event.origin !== app.origin || event.source !== frame.contentWindow) return;
  const m = event.data;
  if (!m || m.protocol !== "nagaoka-map" || m.version !== 1) return;
  window.mapMessages.push(m);
  if (m.type === "height") frame.height = String(m.px);
});
window.sendToMap = (command) =>
  frame.contentWindow.postMessage({ protocol: "nagaoka-map", version: 1, ...command }, app.origin);
