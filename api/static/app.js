// The chat page: one interview session (kept in sessionStorage), the current roadmap beside it (or behind a
// tab on a phone), downloads in every export format, and progress while the knowledge index is first built.
(function () {
  const $ = id => document.getElementById(id);
  let sessionId = sessionStorage.getItem("roadmap-session");
  let current = null;  // {version, roadmap}
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function headers(extra) {
    const h = Object.assign({"Content-Type": "application/json"}, extra || {});
    const key = $("apikey").value.trim();
    if (key) h["Authorization"] = "Bearer " + key;
    return h;
  }

  async function api(path, options) {
    const res = await fetch(path, Object.assign({headers: headers()}, options || {}));
    const type = res.headers.get("content-type") || "";
    const body = type.includes("json") ? await res.json() : await res.text();
    if (!res.ok) throw new Error((body && body.message) || res.statusText);
    return body;
  }

  function addMessage(role, content) {
    const li = document.createElement("li");
    li.className = role;
    li.innerHTML = window.renderMarkdown(content);
    $("messages").appendChild(li);
    li.scrollIntoView({block: "end"});
    return li;
  }

  let message = "", indexNote = "";
  function paint() { $("status").textContent = [indexNote, message].filter(Boolean).join(" "); }
  function status(text) { message = text || ""; paint(); }

  // --- tabs (shown on narrow screens only) ---
  function showTab(name) {
    $("main").className = name === "roadmap" ? "show-roadmap" : "show-chat";
    $("tab-chat").setAttribute("aria-selected", String(name !== "roadmap"));
    $("tab-roadmap").setAttribute("aria-selected", String(name === "roadmap"));
    if (name === "roadmap") {
      $("roadmap-badge").hidden = true;
      if (current) drawGantt(current.roadmap);  // drawn while hidden, it had no width to lay labels out by
    }
  }
  $("tab-chat").addEventListener("click", () => showTab("chat"));
  $("tab-roadmap").addEventListener("click", () => showTab("roadmap"));

  // --- the first build of the knowledge index takes a minute: say so instead of only "Thinking..." ---
  async function indexState() {
    try { return (await (await fetch("/healthz")).json()).index || {}; } catch (e) { return {}; }
  }
  function describeIndex(index) {
    if (index.state === "opening") return "Opening the knowledge index...";
    if (index.state !== "building") return "";
    const counted = index.total ? ` (${Math.min(index.done, index.total)} of ${index.total} documents)` : "";
    return `Building the knowledge index for the first time${counted}; this takes about a minute...`;
  }
  async function watchIndex() {  // until the index is open: a first build shows its progress
    for (;;) {
      const index = await indexState();
      indexNote = describeIndex(index);
      paint();
      if (index.state === "ready" || index.state === "failed" || index.state === undefined) return;
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  async function ensureSession() {
    if (sessionId) {
      try {
        const s = await api(`/v1/sessions/${sessionId}`);
        $("messages").innerHTML = "";
        s.messages.forEach(m => addMessage(m.role, m.content));
        await refreshRoadmap(s.versions);
        return;
      } catch (e) { sessionId = null; }
    }
    const created = await api("/v1/sessions", {method: "POST"});
    sessionId = created.id;
    sessionStorage.setItem("roadmap-session", sessionId);
    $("messages").innerHTML = "";
    addMessage("assistant", created.message.content);
  }

  async function refreshRoadmap(versions, chosen) {
    if (!versions) versions = await api(`/v1/sessions/${sessionId}/roadmap/versions`);
    if (!versions.length) return;
    const select = $("versions");
    select.innerHTML = versions.map(v => {
      const change = v.change.length > 60 ? v.change.slice(0, 59) + "…" : v.change;
      return `<option value="${v.version}" title="${v.change.replace(/"/g, "&quot;").replace(/</g, "&lt;")}">v${v.version}: ${change.replace(/</g, "&lt;")}</option>`;
    }).join("");
    const version = chosen || versions[versions.length - 1].version;
    select.value = String(version);
    select.disabled = false;
    const data = await api(`/v1/sessions/${sessionId}/roadmap?format=json&version=${version}`);
    const md = await api(`/v1/sessions/${sessionId}/roadmap?format=md&version=${version}`);
    current = {version, roadmap: data.roadmap};
    $("roadmap").innerHTML = window.renderMarkdown(md.replace(/```mermaid[\s\S]*?```/, ""));
    drawGantt(data.roadmap);
    showFindings(data.findings);
    document.querySelectorAll(".downloads .button").forEach(a => {
      a.classList.remove("disabled");
      a.removeAttribute("aria-disabled");
    });
  }

  // --- downloads: fetched with the key, saved under the server's file name ---
  async function download(ev) {
    ev.preventDefault();
    if (!current) return;
    const format = ev.currentTarget.dataset.format;
    try {
      const res = await fetch(`/v1/sessions/${sessionId}/roadmap?format=${format}&version=${current.version}`, {headers: headers()});
      if (!res.ok) throw new Error(((await res.json()) || {}).message || res.statusText);
      let blob = await res.blob();
      let name = (/filename="([^"]+)"/.exec(res.headers.get("content-disposition") || "") || [])[1];
      if (format === "json") {  // the roadmap itself, as `roadmap check` reads it
        blob = new Blob([JSON.stringify(JSON.parse(await blob.text()).roadmap, null, 2)], {type: "application/json"});
      }
      name = name || `roadmap.${format}`;
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.appendChild(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    } catch (e) { status("Download failed: " + e.message); }
  }
  document.querySelectorAll(".downloads .button").forEach(a => a.addEventListener("click", download));

  // --- Gantt: month labels, full stage names, gates ---
  function planStart(roadmap) {
    const made = roadmap.created_at ? new Date(roadmap.created_at) : new Date();
    return {year: made.getUTCFullYear() + (made.getUTCMonth() === 11 ? 1 : 0), month: (made.getUTCMonth() + 1) % 12};
  }
  function monthName(start, n, long) {
    const index = start.month + n - 1;
    const year = start.year + Math.floor(index / 12);
    return `${MONTHS[index % 12]} ${long ? year : "'" + String(year).slice(2)}`;
  }

  function drawGantt(roadmap) {
    const box = $("gantt");
    const start = planStart(roadmap);
    const stagesEnd = Math.max(...roadmap.stages.map(s => s.start_month + s.duration_months - 1));
    const total = Math.max(roadmap.timeline.total_months, stagesEnd);
    box.className = "gantt";
    box.style.setProperty("--months", String(total));
    box.innerHTML = "";
    const width = box.clientWidth || 320;
    const every = Math.max(1, Math.ceil(total * 44 / width));  // about 44 px per label
    const months = el("div", "gantt-months");
    for (let m = 1; m <= total; m += every) {
      const label = el("span", "", monthName(start, m));
      label.style.gridColumn = String(m);
      months.appendChild(label);
    }
    box.appendChild(months);
    const gates = roadmap.timeline.go_no_go_months || [];
    roadmap.stages.forEach((s, n) => {
      const last = s.start_month + s.duration_months - 1;
      const row = el("div", "gantt-row");
      const label = el("div", "gantt-label");
      const name = s.title.replace(/^Stage \d+:\s*/, "");
      label.append(el("strong", "", `${n + 1}. `), document.createTextNode(name + " "));
      const when = s.duration_months === 1 ? monthName(start, s.start_month, true)
        : `${monthName(start, s.start_month, true)} – ${monthName(start, last, true)}`;
      label.appendChild(el("span", "when", `· ${when}`));
      const track = el("div", "gantt-track");
      const bar = el("div", "bar");
      bar.style.gridColumn = `${s.start_month} / span ${s.duration_months}`;
      bar.title = `${name}: ${when}`;
      track.appendChild(bar);
      gates.forEach(g => track.appendChild(gateLine(g, total)));
      row.append(label, track);
      box.appendChild(row);
    });
    const marks = el("div", "gantt-gates");
    gates.forEach((g, n) => {
      const mark = el("span", "gate-mark", `◆ G${n + 1}`);
      mark.style.left = `${((g - 1) / total) * 100}%`;
      mark.title = `Go/no-go gate ${n + 1}: 1 ${monthName(start, g, true)}`;
      marks.appendChild(mark);
    });
    box.appendChild(marks);
    const legend = el("p", "empty", gates.length
      ? "◆ Go/no-go gates: " + gates.map((g, n) => `G${n + 1} 1 ${monthName(start, g, true)}`).join(", ") : "");
    box.appendChild(legend);
  }
  function gateLine(month, total) {
    const line = el("div", "gate-line");
    line.style.left = `${((month - 1) / total) * 100}%`;
    return line;
  }
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (current) drawGantt(current.roadmap); }, 150);
  });

  function showFindings(findings) {
    $("findings-count").textContent = `(${findings.length})`;
    $("findings").innerHTML = "";
    findings.forEach(f => {
      const li = document.createElement("li");
      li.className = "finding-" + f.severity;
      li.textContent = `${f.severity} ${f.rule_id}: ${f.message} Fix: ${f.fix}`;
      $("findings").appendChild(li);
    });
  }

  $("composer").addEventListener("submit", async ev => {
    ev.preventDefault();
    const text = $("input").value.trim();
    if (!text) return;
    $("send").disabled = true;
    const shown = addMessage("user", text);
    $("input").value = "";
    status("Thinking...");
    try {
      const reply = await api(`/v1/sessions/${sessionId}/messages`, {method: "POST", body: JSON.stringify({content: text})});
      addMessage("assistant", reply.reply.content);
      if (reply.roadmap_version) {
        await refreshRoadmap();
        if (!$("main").classList.contains("show-roadmap")) $("roadmap-badge").hidden = false;
      }
      status("");
    } catch (e) {
      shown.remove();
      if (!$("input").value) $("input").value = text;  // a failed send keeps what was typed
      status("Not sent: " + e.message + " Your message is still in the box; try again.");
    }
    $("send").disabled = false; $("input").focus();
  });

  $("input").addEventListener("keydown", ev => {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); $("composer").requestSubmit(); }
  });
  $("versions").addEventListener("change", ev => refreshRoadmap(null, Number(ev.target.value)));
  watchIndex();
  ensureSession().catch(e => status("Error: " + e.message));
})();
