// Reference page for the bench: the same map and list written in plain JavaScript, the way a city
// web team would write it with Leaflet and Leaflet.markercluster. Never shipped; it only gives the
// bench something to compare the app with.
//
// ?data=PATH   a data file on this origin (default: the app's data/nagaoka.geojson)
// ?lang=ja|en  the language (default Japanese)
(function () {
  "use strict";

  var params = new URLSearchParams(location.search);
  var lang = params.get("lang") === "en" ? "en" : "ja";
  var TEXT = {
    ja: {
      title: "長岡の施設マップ", map: "長岡市の地図", list: "場所", search: "検索", kinds: "種類",
      loading: "読み込み中…", failed: "データを読み込めませんでした: ", count: function (n) { return n.toLocaleString("ja-JP") + "件"; },
      address: "住所", source: "出典", link: "ウェブサイト", close: "閉じる",
      kind: { office: "オフィス", coworking: "コワーキング", university: "大学", kosen: "高専",
        vocational_school: "専門学校", station: "駅", public_facility: "公共施設" },
    },
    en: {
      title: "Places in Nagaoka", map: "Map of Nagaoka", list: "Places", search: "Search", kinds: "Kinds",
      loading: "Loading…", failed: "Could not load the data: ", count: function (n) { return n.toLocaleString("en-US") + " places"; },
      address: "Address", source: "Source", link: "Website", close: "Close",
      kind: { office: "Office", coworking: "Coworking", university: "University", kosen: "KOSEN",
        vocational_school: "Vocational school", station: "Station", public_facility: "Public facility" },
    },
  }[lang];

  document.documentElement.lang = lang;
  document.title = TEXT.title;
  document.getElementById("title").textContent = TEXT.title;
  document.getElementById("map").setAttribute("aria-label", TEXT.map);
  document.getElementById("search-label").textContent = TEXT.search;
  document.getElementById("kinds-legend").textContent = TEXT.kinds;
  document.getElementById("list").setAttribute("aria-label", TEXT.list);

  var statusEl = document.getElementById("status");
  var searchEl = document.getElementById("search");
  var kindsEl = document.getElementById("kinds");
  var detailsEl = document.getElementById("details");
  var listEl = document.getElementById("list");
  var listTitleEl = document.getElementById("list-title");

  var map = L.map("map").setView([37.446194, 138.85125], 12);
  L.tileLayer("https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png", {
    maxZoom: 18,
    attribution: '<a href="https://maps.gsi.go.jp/development/ichiran.html" target="_blank" rel="noopener">地理院タイル</a>',
  }).addTo(map);
  var cluster = L.markerClusterGroup({ chunkedLoading: true });
  map.addLayer(cluster);

  var places = [];
  var sources = {};
  var selected = null;

  function text(value) {
    if (!value) return "";
    return value[lang] || value[lang === "en" ? "ja" : "en"] || "";
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.textContent = content;
    return node;
  }

  function load() {
    var raw = params.get("data") || "../data/nagaoka.geojson";
    var url = new URL(raw, location.href);
    if (url.origin !== location.origin) {
      statusEl.textContent = TEXT.failed + raw;
      return;
    }
    statusEl.textContent = TEXT.loading;
    fetch(url)
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(show)
      .catch(function (e) {
        statusEl.textContent = TEXT.failed + e.message;
      });
  }

  function show(data) {
    sources = (data.meta && data.meta.sources) || {};
    var features = Array.isArray(data.features) ? data.features : [];
    var kindsSeen = {};
    var fragment = document.createDocumentFragment();
    var markers = [];
    features.forEach(function (f) {
      var p = f && f.properties;
      var c = f && f.geometry && f.geometry.coordinates;
      if (!p || !p.id || !p.name || !Array.isArray(c)) return;
      var place = {
        id: p.id,
        kind: p.kind,
        name: text(p.name),
        search: ((p.name.ja || "") + " " + (p.name.en || "")).toLowerCase(),
        lat: c[1],
        lng: c[0],
        props: p,
      };
      place.marker = L.marker([place.lat, place.lng], { title: place.name, keyboard: true });
      place.marker.on("click", function () { select(place); });
      markers.push(place.marker);

      var li = el("li");
      var button = el("button");
      button.type = "button";
      button.setAttribute("aria-pressed", "false");
      button.appendChild(el("span", "name", place.name));
      button.appendChild(el("span", "kind", TEXT.kind[place.kind] || place.kind));
      button.addEventListener("click", function () { select(place); });
      li.appendChild(button);
      fragment.appendChild(li);
      place.li = li;
      place.button = button;
      kindsSeen[place.kind] = true;
      places.push(place);
    });
    listEl.appendChild(fragment);
    Object.keys(TEXT.kind).forEach(function (kind) {
      if (!kindsSeen[kind]) return;
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.value = kind;
      box.checked = true;
      box.addEventListener("change", applyFilter);
      label.appendChild(box);
      label.appendChild(document.createTextNode(TEXT.kind[kind]));
      kindsEl.appendChild(label);
    });
    cluster.addLayers(markers);
    if (markers.length) map.fitBounds(L.latLngBounds(places.map(function (p) { return [p.lat, p.lng]; })));
    statusEl.textContent = "";
    showCount(places.length);
  }

  function showCount(n) {
    listTitleEl.textContent = TEXT.list + " (" + TEXT.count(n) + ")";
  }

  function applyFilter() {
    var q = searchEl.value.trim().toLowerCase();
    var kinds = {};
    kindsEl.querySelectorAll("input:checked").forEach(function (box) { kinds[box.value] = true; });
    var shown = [];
    places.forEach(function (place) {
      var ok = kinds[place.kind] && (!q || place.search.indexOf(q) !== -1);
      place.li.hidden = !ok;
      if (ok) shown.push(place.marker);
    });
    cluster.clearLayers();
    cluster.addLayers(shown);
    showCount(shown.length);
  }

  function row(dl, label, value) {
    if (!value) return;
    dl.appendChild(el("dt", null, label));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = value;
    dl.appendChild(dd);
  }

  function select(place) {
    if (selected) selected.button.setAttribute("aria-pressed", "false");
    selected = place;
    place.button.setAttribute("aria-pressed", "true");
    var p = place.props;
    detailsEl.textContent = "";
    detailsEl.setAttribute("aria-label", place.name);
    detailsEl.appendChild(el("h2", null, place.name));
    detailsEl.appendChild(el("p", null, TEXT.kind[place.kind] || place.kind));
    if (p.description) detailsEl.appendChild(el("p", null, text(p.description)));
    var dl = el("dl");
    row(dl, TEXT.address, text(p.address));
    if (p.url && /^https:/.test(p.url)) {
      var a = el("a", null, p.url);
      a.href = p.url;
      row(dl, TEXT.link, a);
    }
    var source = sources[p.source];
    row(dl, TEXT.source, source ? text(source.title) : p.source);
    detailsEl.appendChild(dl);
    var close = el("button", null, TEXT.close);
    close.type = "button";
    close.addEventListener("click", function () {
      detailsEl.hidden = true;
      place.button.focus();
    });
    detailsEl.appendChild(close);
    detailsEl.hidden = false;
    map.setView([place.lat, place.lng], Math.max(map.getZoom(), 15));
  }

  searchEl.addEventListener("input", applyFilter);
  load();
})();
