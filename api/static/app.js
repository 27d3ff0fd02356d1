// The chat page: one session per browser tab (kept in sessionStorage), the current roadmap beside it.
(function () {
  const $ = id => document.getElementById(id);
  let sessionId = sessionStorage.getItem("roadmap-session");

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
  }

  function status(text) { $("status").textContent = text || ""; }

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
    select.innerHTML = versions.map(v => `<option value="${v.version}">v${v.version}: ${v.change.replace(/</g, "&lt;")}</option>`).join("");
    const version = chosen || versions[versions.length - 1].version;
    select.value = String(version);
    select.disabled = false;
    const data = await api(`/v1/sessions/${sessionId}/roadmap?format=json&version=${version}`);
    const md = await api(`/v1/sessions/${sessionId}/roadmap?format=md&version=${version}`);
    $("roadmap").innerHTML = window.renderMarkdown(md.replace(/```mermaid[\s\S]*?```/, ""));
    drawGantt(data.roadmap);
    showFindings(data.findings);
    setDownload("download-md", md, "text/markdown");
    setDownload("download-json", JSON.stringify(data.roadmap, null, 2), "application/json");
  }

  function setDownload(id, text, type) {
    const a = $(id);
    if (a.href && a.href.startsWith("blob:")) URL.revokeObjectURL(a.href);
    a.href = URL.createObjectURL(new Blob([text], {type}));
    a.classList.remove("disabled");
    a.removeAttribute("aria-disabled");
  }

  function drawGantt(roadmap) {
    const total = roadmap.timeline.total_months;
    const box = $("gantt");
    box.className = "gantt";
    box.style.gridTemplateColumns = `12rem repeat(${total}, 1fr)`;
    box.innerHTML = "";
    roadmap.stages.forEach((s, row) => {
      const label = document.createElement("div");
      label.className = "label"; label.textContent = s.title;
      label.style.gridRow = String(row + 1); label.style.gridColumn = "1";
      box.appendChild(label);
      const bar = document.createElement("div");
      bar.className = "bar";
      bar.style.gridRow = String(row + 1);
      bar.style.gridColumn = `${s.start_month + 1} / span ${s.duration_months}`;
      bar.textContent = `m${s.start_month}`;
      bar.title = `${s.title}: months ${s.start_month}-${s.start_month + s.duration_months - 1}`;
      box.appendChild(bar);
    });
  }

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
    $("send").disabled = true; status("Thinking...");
    addMessage("user", text);
    $("input").value = "";
    try {
      const reply = await api(`/v1/sessions/${sessionId}/messages`, {method: "POST", body: JSON.stringify({content: text})});
      addMessage("assistant", reply.reply.content);
      if (reply.roadmap_version) await refreshRoadmap();
      status("");
    } catch (e) { status("Error: " + e.message); }
    $("send").disabled = false; $("input").focus();
  });

  $("input").addEventListener("keydown", ev => {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); $("composer").requestSubmit(); }
  });
  $("versions").addEventListener("change", ev => refreshRoadmap(null, Number(ev.target.value)));
  ensureSession().catch(e => status("Error: " + e.message));
})();
