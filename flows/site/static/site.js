/* vngov site: table browsing, evidence, entity and article views.
 * Hand-written, no dependencies. Data arrives as data/*.js files calling vngov.*(...), loaded with
 * <script> elements so that the site also works opened from disk. Text from the data is only ever
 * put into the page with textContent / text nodes, never as HTML. */
(function () {
  "use strict";

  var V = { meta: null, chunks: {}, evidence: {}, texts: {}, pending: {} };
  var PAGE_SIZE = 50;

  window.vngov = {
    meta: function (m) { V.meta = m; },
    chunk: function (table, k, rows) { (V.chunks[table] = V.chunks[table] || {})[k] = rows; },
    evidence: function (table, k, rows) { (V.evidence[table] = V.evidence[table] || {})[k] = rows; },
    texts: function (bucket, records) { for (var id in records) { V.texts[id] = records[id]; } },
    _state: V
  };

  // ---------- helpers ----------
  function load(src) {
    if (!V.pending[src]) {
      V.pending[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error("cannot load " + src)); };
        document.head.appendChild(s);
      });
    }
    return V.pending[src];
  }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) continue;
        if (k === "text") node.textContent = v;
        else if (k === "class") node.className = v;
        else if (k === "href") node.setAttribute("href", v);
        else node.setAttribute(k, v);
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function safeUrl(u) {
    return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null;
  }

  function fmt(n) { return Number(n).toLocaleString("en-US"); }

  function tableMeta(t) {
    if (!V.meta) throw new Error("data/meta.js did not load");
    var m = V.meta.tables[t];
    if (!m) throw new Error("no table " + t);
    return m;
  }

  function loadTable(t) {
    var m = tableMeta(t), ps = [];
    for (var k = 0; k < m.chunks; k++) ps.push(load("data/" + t + "/" + k + ".js"));
    return Promise.all(ps).then(function () {
      var rows = [];
      for (var k = 0; k < m.chunks; k++) rows = rows.concat(V.chunks[t][k] || []);
      return rows;
    });
  }

  function loadEvidence(t, k) {
    return load("data/" + t + "/e" + k + ".js").then(function () { return V.evidence[t][k]; });
  }

  function loadArticle(aid) {
    var bucket = String(aid).slice(0, 2).toLowerCase();
    return load("data/text/" + bucket + ".js").then(function () { return V.texts[aid] || null; });
  }

  function col(t, name) { return tableMeta(t).columns.indexOf(name); }

  function highlighted(sentence, start, end, cls) {
    var q = el("blockquote", { "class": cls || "evidence" });
    if (start === null || start === undefined || start < 0) { q.appendChild(document.createTextNode(sentence)); return q; }
    q.appendChild(document.createTextNode(sentence.slice(0, start)));
    q.appendChild(el("mark", { "class": "hl" }, sentence.slice(start, end)));
    q.appendChild(document.createTextNode(sentence.slice(end)));
    return q;
  }

  function fail(container, err) {
    container.textContent = "";
    container.appendChild(el("p", { "class": "error", text: String(err && err.message ? err.message : err) }));
  }

  function hashParams() { return new URLSearchParams(location.hash.replace(/^#/, "")); }

  // ---------- table page ----------
  var T = null;  // the table view's state

  function tablePage() {
    var p = hashParams();
    var t = p.get("t") || "officials";
    if (!V.meta || !V.meta.tables[t]) t = "officials";
    var m = tableMeta(t);
    document.querySelectorAll("#tabs a").forEach(function (a) {
      a.classList.toggle("active", a.getAttribute("data-table") === t);
      a.setAttribute("aria-selected", a.getAttribute("data-table") === t ? "true" : "false");
    });
    document.getElementById("table-desc").textContent = m.description + " " + fmt(m.n) + " rows.";
    document.title = t + " — vngov";
    T = { t: t, m: m, rows: null, index: null, search: null, view: null, page: 0,
          q: p.get("q") || "", kind: p.get("kind") || "", loc: p.get("loc") || "",
          from: p.get("from") || "", to: p.get("to") || "",
          sort: p.get("sort") || "", dir: p.get("dir") === "desc" ? "desc" : "asc",
          pageWanted: Math.max(0, (parseInt(p.get("page") || "1", 10) || 1) - 1) };
    setupFilters();
    document.getElementById("status").textContent = "Loading " + fmt(m.n) + " rows…";
    loadTable(t).then(function (rows) {
      if (!T || T.t !== t) return;
      T.rows = rows;
      T.page = T.pageWanted;
      applyFilters(false);
    }).catch(function (e) { fail(document.getElementById("status"), e); });
  }

  function setupFilters() {
    var f = T.m.filters;
    var q = document.getElementById("f-q"), kind = document.getElementById("f-kind"), loc = document.getElementById("f-loc");
    var from = document.getElementById("f-from"), to = document.getElementById("f-to");
    q.value = T.q;
    fillSelect(kind, f.kinds, T.kind);
    fillSelect(loc, f.localities, T.loc);
    document.getElementById("l-kind").hidden = !f.kind;
    document.getElementById("l-kind").firstChild.textContent = (f.kind || "kind").replace(/_/g, " ") + " ";
    document.getElementById("l-loc").hidden = !f.locality;
    document.getElementById("l-from").hidden = !f.date;
    document.getElementById("l-to").hidden = !f.date;
    from.value = T.from; to.value = T.to;
  }

  function fillSelect(select, choices, value) {
    select.textContent = "";
    select.appendChild(el("option", { value: "" }, "all"));
    (choices || []).forEach(function (c) {
      select.appendChild(el("option", { value: String(c[0]) }, String(c[0]) + " (" + fmt(c[1]) + ")"));
    });
    select.value = value;
  }

  function readFilters() {
    T.q = document.getElementById("f-q").value.trim();
    T.kind = document.getElementById("f-kind").value;
    T.loc = document.getElementById("f-loc").value;
    T.from = document.getElementById("f-from").value;
    T.to = document.getElementById("f-to").value;
  }

  function writeHash() {
    var p = new URLSearchParams();
    p.set("t", T.t);
    if (T.q) p.set("q", T.q);
    if (T.kind) p.set("kind", T.kind);
    if (T.loc) p.set("loc", T.loc);
    if (T.from) p.set("from", T.from);
    if (T.to) p.set("to", T.to);
    if (T.sort) { p.set("sort", T.sort); p.set("dir", T.dir); }
    if (T.page) p.set("page", String(T.page + 1));
    var h = "#" + p.toString();
    if (h !== location.hash) { ignoreHash = h; history.replaceState(null, "", h); }
  }

  function searchText(i) {
    if (!T.search) T.search = new Array(T.rows.length);
    var s = T.search[i];
    if (s === undefined) {
      s = T.rows[i].map(function (v) { return v === null ? "" : String(v); }).join("\u0001").toLowerCase();
      T.search[i] = s;
    }
    return s;
  }

  function applyFilters(resetPage) {
    var f = T.m.filters, rows = T.rows;
    var q = T.q.toLowerCase(), terms = q ? q.split(/\s+/) : [];
    var ki = f.kind ? col(T.t, f.kind) : -1, li = f.locality ? col(T.t, f.locality) : -1;
    var ds = f.date ? col(T.t, f.date[0]) : -1, de = f.date ? col(T.t, f.date[1]) : -1;
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (T.kind && ki >= 0 && String(r[ki]) !== T.kind) continue;
      if (T.loc && li >= 0 && String(r[li]) !== T.loc) continue;
      if ((T.from || T.to) && ds >= 0) {
        var a = r[ds], b = r[de];
        if (!a || !b) continue;
        if (T.from && b < T.from) continue;
        if (T.to && a > T.to) continue;
      }
      if (terms.length) {
        var s = searchText(i), ok = true;
        for (var j = 0; j < terms.length; j++) { if (s.indexOf(terms[j]) < 0) { ok = false; break; } }
        if (!ok) continue;
      }
      out.push(i);
    }
    if (T.sort) {
      var si = col(T.t, T.sort), sign = T.dir === "desc" ? -1 : 1;
      out.sort(function (x, y) {
        var a = rows[x][si], b = rows[y][si];
        if (a === b) return x - y;
        if (a === null || a === undefined) return 1;
        if (b === null || b === undefined) return -1;
        if (typeof a === "string") { a = a.toLowerCase(); b = String(b).toLowerCase(); }
        return (a < b ? -1 : a > b ? 1 : x - y) * sign;
      });
    }
    T.view = out;
    if (resetPage) T.page = 0;
    var pages = Math.max(1, Math.ceil(out.length / PAGE_SIZE));
    if (T.page >= pages) T.page = pages - 1;
    writeHash();
    render();
  }

  function cellFor(t, name, row, i) {
    var m = T.m, v = row[col(t, name)];
    var td = el("td", { "data-col": name });
    if (v === null || v === undefined || v === "") { td.className = "null"; td.textContent = "—"; return td; }
    var text = typeof v === "number" && name !== "count" ? fmt(v) : String(v);
    if (name === "article_id") {
      td.className = "id";
      td.appendChild(el("a", { href: "article.html#" + encodeURIComponent(v), title: "read the article" }, text));
    } else if (m.entity && name === m.entity[0]) {
      var id = row[col(t, m.entity[1])];
      td.appendChild(el("a", { href: "entity.html#" + t + "/" + encodeURIComponent(id), title: "every row of " + text }, text));
    } else if (t === "articles" && name === "title") {
      td.appendChild(el("a", { href: "article.html#" + encodeURIComponent(row[col(t, "article_id")]) }, text));
    } else {
      if (typeof v === "number") td.className = "n";
      td.textContent = text;
    }
    return td;
  }

  function render() {
    var m = T.m, t = T.t;
    var thead = document.querySelector("#data thead"), tbody = document.querySelector("#data tbody");
    var htr = el("tr");
    m.display.forEach(function (name) {
      var th = el("th", { scope: "col", title: m.descriptions[name] || "", "data-col": name });
      if (T.sort === name) th.setAttribute("aria-sort", T.dir === "asc" ? "ascending" : "descending");
      var b = el("button", { type: "button" }, name.replace(/_/g, " "));
      b.addEventListener("click", function () {
        if (T.sort === name) T.dir = T.dir === "asc" ? "desc" : "asc"; else { T.sort = name; T.dir = "asc"; }
        applyFilters(true);
      });
      th.appendChild(b);
      htr.appendChild(th);
    });
    if (m.extracted || t === "articles") htr.appendChild(el("th", { scope: "col" }, m.extracted ? "evidence" : "text"));
    thead.textContent = "";
    thead.appendChild(htr);

    var start = T.page * PAGE_SIZE, end = Math.min(T.view.length, start + PAGE_SIZE);
    var frag = document.createDocumentFragment();
    for (var n = start; n < end; n++) {
      var i = T.view[n], row = T.rows[i];
      var tr = el("tr", { "data-row": String(i) });
      m.display.forEach(function (name) { tr.appendChild(cellFor(t, name, row, i)); });
      if (m.extracted) {
        tr.appendChild(el("td", null, el("a", { "class": "ev-link", href: "row.html#" + t + "/" + i }, "evidence →")));
      } else if (t === "articles") {
        tr.appendChild(el("td", null, el("a", { "class": "ev-link", href: "article.html#" + encodeURIComponent(row[col(t, "article_id")]) }, "read →")));
      }
      frag.appendChild(tr);
    }
    tbody.textContent = "";
    tbody.appendChild(frag);

    var status = document.getElementById("status");
    status.textContent = T.view.length
      ? "Showing " + fmt(start + 1) + "–" + fmt(end) + " of " + fmt(T.view.length) + " rows" +
        (T.view.length < T.rows.length ? " (filtered from " + fmt(T.rows.length) + ")" : "") + "."
      : "No rows match" + (T.rows.length ? " (of " + fmt(T.rows.length) + ")" : "") + ".";
    status.setAttribute("data-count", String(T.view.length));

    var pager = document.getElementById("pager"), pages = Math.max(1, Math.ceil(T.view.length / PAGE_SIZE));
    pager.textContent = "";
    function go(label, page, disabled) {
      var b = el("button", { type: "button", "data-page": String(page) }, label);
      b.disabled = disabled;
      b.addEventListener("click", function () { T.page = page; writeHash(); render(); window.scrollTo(0, 0); });
      pager.appendChild(b);
    }
    go("« first", 0, T.page === 0);
    go("‹ prev", T.page - 1, T.page === 0);
    pager.appendChild(el("span", { id: "page-no" }, "page " + fmt(T.page + 1) + " of " + fmt(pages)));
    go("next ›", T.page + 1, T.page >= pages - 1);
    go("last »", pages - 1, T.page >= pages - 1);
  }

  var ignoreHash = null;
  function initTablePage() {
    var timer = null;
    document.getElementById("f-q").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { if (T && T.rows) { readFilters(); applyFilters(true); } }, 150);
    });
    ["f-kind", "f-loc", "f-from", "f-to"].forEach(function (id) {
      document.getElementById(id).addEventListener("change", function () { if (T && T.rows) { readFilters(); applyFilters(true); } });
    });
    document.getElementById("f-reset").addEventListener("click", function () {
      ["f-q", "f-kind", "f-loc", "f-from", "f-to"].forEach(function (id) { document.getElementById(id).value = ""; });
      if (T && T.rows) { readFilters(); T.sort = ""; applyFilters(true); }
    });
    window.addEventListener("hashchange", function () {
      if (ignoreHash === location.hash) return;
      tablePage();
    });
    tablePage();
  }

  // ---------- row (evidence) page ----------
  function rowPage() {
    var view = document.getElementById("view");
    var parts = location.hash.replace(/^#/, "").split("/");
    var t = parts[0], i = parseInt(parts[1], 10);
    var m;
    try { m = tableMeta(t); } catch (e) { fail(view, e); return; }
    if (!m.extracted || !(i >= 0 && i < m.n)) { fail(view, "no row " + location.hash); return; }
    var k = Math.floor(i / m.chunk_rows);
    Promise.all([load("data/" + t + "/" + k + ".js"), loadEvidence(t, k)]).then(function () {
      var row = V.chunks[t][k][i - k * m.chunk_rows], ev = V.evidence[t][k][i - k * m.chunk_rows];
      var aid = row[col(t, "article_id")];
      return loadArticle(aid).then(function (article) { renderRow(view, t, i, m, row, ev, aid, article); });
    }).catch(function (e) { fail(view, e); });
  }

  function articleCard(aid, a, bare) {
    var card = el("section", { "class": "article-card", id: "article" });
    var url = a ? safeUrl(a.url) : null;
    var title = (a && a.title) || "(untitled article)";
    if (!bare) card.appendChild(el("h2", null, url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank", id: "source-link" }, title) : title));
    var bits = [];
    bits.push(a && a.published ? "published " + a.published : "publication date unknown");
    if (a && a.outlet) bits.push(a.outlet);
    card.appendChild(el("p", { "class": "muted" }, bits.join(" · ")));
    var links = el("p");
    if (url) { links.appendChild(el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "source: " + url)); links.appendChild(document.createTextNode(" · ")); }
    else if (a && a.source) { links.appendChild(document.createTextNode("source file: " + a.source + " · ")); }
    if (!bare) links.appendChild(el("a", { href: "article.html#" + encodeURIComponent(aid) }, "the whole article with every extracted span"));
    else if (links.lastChild) links.removeChild(links.lastChild);
    card.appendChild(links);
    return card;
  }

  function renderRow(view, t, i, m, row, ev, aid, article) {
    view.textContent = "";
    var get = function (name) { return row[col(t, name)]; };
    document.title = get("surface") + " — " + t + " — vngov";
    view.appendChild(el("p", { "class": "crumbs" }, el("a", { href: "table.html#t=" + t }, t), " › ", get("row_id")));
    var heading = t === "officials" ? get("name") : t === "bodies" ? get("name") : t === "unit_counts" ? get("count") + " " + get("unit") : get("when") + " · " + get("kind");
    view.appendChild(el("h1", null, String(heading)));
    view.appendChild(el("p", { "class": "muted" }, "The sentence this row was read from, with the extracted characters (offsets " + get("char_start") + "–" + get("char_end") + ") highlighted:"));
    var q = highlighted(ev[0], ev[1], ev[2]);
    q.id = "evidence";
    view.appendChild(q);
    view.appendChild(articleCard(aid, article));
    if (m.entity) {
      var id = get(m.entity[1]);
      view.appendChild(el("p", null, el("a", { href: "entity.html#" + t + "/" + encodeURIComponent(id), id: "entity-link" }, "Every row of " + get(m.entity[0]) + " across articles →")));
    }
    var dl = el("dl", { "class": "fields" });
    m.columns.forEach(function (name) {
      var v = get(name);
      dl.appendChild(el("dt", { title: m.descriptions[name] || "" }, name));
      dl.appendChild(el("dd", null, v === null || v === undefined ? "—" : String(v)));
    });
    dl.appendChild(el("dt", { title: m.descriptions.evidence || "" }, "evidence"));
    dl.appendChild(el("dd", null, ev[0]));
    view.appendChild(el("h2", null, "All fields"));
    view.appendChild(dl);
  }

  // ---------- entity page ----------
  function entityPage() {
    var view = document.getElementById("view");
    var h = location.hash.replace(/^#/, ""), cut = h.indexOf("/");
    var t = h.slice(0, cut), id = decodeURIComponent(h.slice(cut + 1));
    var m;
    try { m = tableMeta(t); } catch (e) { fail(view, e); return; }
    if (!m.entity) { fail(view, "no people or bodies in table " + t); return; }
    Promise.all([loadTable(t), loadTable("articles")]).then(function (res) {
      var rows = res[0], arts = res[1], idc = col(t, m.entity[1]), mine = [];
      for (var i = 0; i < rows.length; i++) if (rows[i][idc] === id) mine.push(i);
      if (!mine.length) { fail(view, "nobody with id " + id + " in " + t); return null; }
      var ks = {};
      mine.forEach(function (i) { ks[Math.floor(i / m.chunk_rows)] = true; });
      return Promise.all(Object.keys(ks).map(function (k) { return loadEvidence(t, +k); })).then(function () {
        renderEntity(view, t, m, id, rows, mine, arts);
      });
    }).catch(function (e) { fail(view, e); });
  }

  function renderEntity(view, t, m, id, rows, mine, arts) {
    var ac = tableMeta("articles").columns, aidc = ac.indexOf("article_id");
    var articles = {};
    arts.forEach(function (a) { articles[a[aidc]] = a; });
    var get = function (i, name) { return rows[i][col(t, name)]; };
    var names = {}, titles = {}, byArticle = {};
    mine.forEach(function (i) {
      names[get(i, "name")] = (names[get(i, "name")] || 0) + 1;
      var extra = t === "officials" ? get(i, "title") : get(i, "name_as_written");
      if (extra) titles[extra] = (titles[extra] || 0) + 1;
      (byArticle[get(i, "article_id")] = byArticle[get(i, "article_id")] || []).push(i);
    });
    var name = Object.keys(names).sort(function (a, b) { return names[b] - names[a]; })[0];
    document.title = name + " — vngov";
    view.textContent = "";
    view.appendChild(el("p", { "class": "crumbs" }, el("a", { href: "table.html#t=" + t }, t), " › ", id));
    view.appendChild(el("h1", null, name));
    var aids = Object.keys(byArticle);
    var summary = fmt(mine.length) + " row" + (mine.length === 1 ? "" : "s") + " in " + fmt(aids.length) + " article" + (aids.length === 1 ? "" : "s");
    if (t === "bodies") summary += " · kind: " + get(mine[0], "kind") + (get(mine[0], "locality") ? " · locality: " + get(mine[0], "locality") : "");
    view.appendChild(el("p", { "class": "muted", id: "entity-summary" }, summary + "."));
    var keys = Object.keys(titles).sort(function (a, b) { return titles[b] - titles[a]; });
    if (keys.length) {
      view.appendChild(el("h2", null, t === "officials" ? "Positions given" : "Written as"));
      var ul = el("ul", { "class": "chips" });
      keys.slice(0, 40).forEach(function (k) { ul.appendChild(el("li", null, k + (titles[k] > 1 ? " ×" + titles[k] : ""))); });
      view.appendChild(ul);
    }
    var pc = ac.indexOf("published");
    aids.sort(function (a, b) {
      var x = articles[a] ? articles[a][pc] : null, y = articles[b] ? articles[b][pc] : null;
      if (x === y) return a < b ? -1 : 1;
      if (!x) return 1; if (!y) return -1;
      return x < y ? 1 : -1;
    });
    view.appendChild(el("h2", null, "Every row, by article"));
    aids.forEach(function (aid) {
      var a = articles[aid], sec = el("section", { "class": "entity-article" });
      var title = (a && a[ac.indexOf("title")]) || "(untitled article)";
      sec.appendChild(el("h3", null, el("a", { href: "article.html#" + encodeURIComponent(aid) }, title)));
      var bits = [a && a[pc] ? a[pc] : "undated"];
      if (a && a[ac.indexOf("outlet")]) bits.push(a[ac.indexOf("outlet")]);
      var meta = el("p", { "class": "muted" }, bits.join(" · "));
      var url = a ? safeUrl(a[ac.indexOf("url")]) : null;
      if (url) { meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "source")); }
      sec.appendChild(meta);
      byArticle[aid].forEach(function (i) {
        var k = Math.floor(i / m.chunk_rows), ev = V.evidence[t][k][i - k * m.chunk_rows];
        var q = highlighted(ev[0], ev[1], ev[2], "evidence small");
        q.appendChild(document.createTextNode(" "));
        q.appendChild(el("a", { href: "row.html#" + t + "/" + i, "class": "ev-link" }, "row →"));
        sec.appendChild(q);
      });
      view.appendChild(sec);
    });
  }

  // ---------- article page ----------
  function articlePage() {
    var view = document.getElementById("view");
    var parts = location.hash.replace(/^#/, "").split("/");
    var aid = decodeURIComponent(parts[0]), current = parts.length >= 3 ? parts[1] + "/" + parts[2] : null;
    loadArticle(aid).then(function (a) {
      if (!a) { fail(view, "no article " + aid); return; }
      renderArticle(view, aid, a, current);
    }).catch(function (e) { fail(view, e); });
  }

  function renderArticle(view, aid, a, current) {
    view.textContent = "";
    document.title = (a.title || aid) + " — vngov";
    view.appendChild(el("p", { "class": "crumbs" }, el("a", { href: "table.html#t=articles" }, "articles"), " › ", aid));
    view.appendChild(el("h1", null, a.title || "(untitled article)"));
    view.appendChild(articleCard(aid, a, true));
    var legend = el("p", { "class": "legend" });
    ["officials", "bodies", "unit_counts", "deadlines"].forEach(function (t) {
      var n = a.spans.filter(function (s) { return s[0] === t; }).length;
      legend.appendChild(el("span", { "class": t }, t.replace("_", " ") + " (" + n + ")"));
    });
    view.appendChild(legend);
    var spans = a.spans.slice().sort(function (x, y) { return x[2] - y[2] || (y[3] - y[2]) - (x[3] - x[2]); });
    var box = el("div", { "class": "article-text", id: "article-text" }), at = 0, text = a.text;
    spans.forEach(function (s) {
      if (s[2] < at) return;  // nested in or overlapping a span already drawn
      box.appendChild(document.createTextNode(text.slice(at, s[2])));
      var key = s[0] + "/" + s[1];
      var link = el("a", { "class": "span " + s[0] + (key === current ? " current" : ""), href: "row.html#" + key, title: s[0] }, text.slice(s[2], s[3]));
      if (key === current) link.id = "hl";
      box.appendChild(link);
      at = s[3];
    });
    box.appendChild(document.createTextNode(text.slice(at)));
    view.appendChild(box);
    var hl = document.getElementById("hl");
    if (hl) hl.scrollIntoView({ block: "center" });
  }

  // ---------- start ----------
  function start() {
    var page = document.body.getAttribute("data-page");
    try {
      if (page === "table") initTablePage();
      else if (page === "row") { rowPage(); window.addEventListener("hashchange", rowPage); }
      else if (page === "entity") { entityPage(); window.addEventListener("hashchange", entityPage); }
      else if (page === "article") { articlePage(); window.addEventListener("hashchange", articlePage); }
    } catch (e) {
      var view = document.getElementById("view") || document.getElementById("status");
      if (view) fail(view, e);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
