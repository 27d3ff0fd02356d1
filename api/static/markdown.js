// A small, safe Markdown renderer for the roadmap (headings, lists, tables, emphasis, code blocks, links).
// Everything is escaped first, so model or user text can never inject HTML.
(function () {
  function esc(s) { return s.replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c])); }
  function inline(s) {
    return esc(s)
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/\*(.+?)\*/g, "<em>$1</em>")
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/&lt;(https?:\/\/[^\s&]+)&gt;/g, '<a href="$1" rel="noopener noreferrer" target="_blank">$1</a>');
  }
  function render(md) {
    const lines = md.split("\n"); const out = []; let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      if (line.startsWith("```")) {
        const code = []; i++;
        while (i < lines.length && !lines[i].startsWith("```")) { code.push(lines[i]); i++; }
        out.push("<pre><code>" + esc(code.join("\n")) + "</code></pre>"); i++; continue;
      }
      const h = line.match(/^(#{1,4}) (.*)$/);
      if (h) { out.push(`<h${h[1].length + 1}>${inline(h[2])}</h${h[1].length + 1}>`); i++; continue; }
      if (line.startsWith("|")) {
        const rows = [];
        while (i < lines.length && lines[i].startsWith("|")) { rows.push(lines[i]); i++; }
        const cells = r => r.replace(/^\||\|$/g, "").split("|").map(c => inline(c.trim()));
        const body = rows.filter((r, n) => n !== 1 || !/^\|[-:| ]+\|$/.test(r));
        out.push("<table><thead><tr>" + cells(body[0]).map(c => `<th>${c}</th>`).join("") + "</tr></thead><tbody>" +
          body.slice(1).map(r => "<tr>" + cells(r).map(c => `<td>${c}</td>`).join("") + "</tr>").join("") + "</tbody></table>");
        continue;
      }
      if (/^(- |\d+\. )/.test(line)) {
        const ordered = /^\d+\. /.test(line); const items = [];
        while (i < lines.length && /^(- |\d+\. )/.test(lines[i])) { items.push(lines[i].replace(/^(- |\d+\. )/, "")); i++; }
        const tag = ordered ? "ol" : "ul";
        out.push(`<${tag}>` + items.map(t => `<li>${inline(t)}</li>`).join("") + `</${tag}>`); continue;
      }
      if (line.trim() === "---") { out.push("<hr>"); i++; continue; }
      if (line.trim()) { out.push(`<p>${inline(line)}</p>`); }
      i++;
    }
    return out.join("\n");
  }
  window.renderMarkdown = render;
})();
