// parting serve: the live preview and the letter check. Text is set with textContent only.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const text = document.getElementById("text");
  if (!text) return;
  const name = text.dataset.case;
  const base = "/case/" + encodeURIComponent(name);
  const letter = document.getElementById("letter");
  let letterEdited = false;  // the user's own draft is never replaced by the package's

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf,
                "Accept": "application/json"},
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().catch(function () {
        return {error: "the server answered " + r.status + " " + r.statusText};
      });
    });
  }
  window.partingPost = post;  // form.js posts the same way


  function setText(id, value) {
    const el = document.getElementById(id);
    if (el) el.textContent = value;
  }

  function list(id, items) {
    const ul = document.getElementById(id);
    ul.replaceChildren();
    items.forEach(function (item) {
      const li = document.createElement("li");
      li.textContent = item;
      ul.appendChild(li);
    });
  }

  // Select line `line` (1-based) of the editor and scroll it into view.
  function goToLine(line) {
    const lines = text.value.split("\n");
    const n = Math.max(1, Math.min(line, lines.length));
    let start = 0;
    for (let i = 0; i < n - 1; i++) start += lines[i].length + 1;
    text.focus();
    text.setSelectionRange(start, start + lines[n - 1].length);
    const height = parseFloat(getComputedStyle(text).lineHeight) || 18;
    text.scrollTop = Math.max(0, (n - 4) * height);
  }

  // --- problems beside their line: a marker in the gutter, the message at the line's end ---
  const gutter = document.getElementById("gutter");
  const notes = document.getElementById("notes");
  let marks = new Map();  // line -> message(s) of the problems on it
  let gutterLines = 0;
  const ruler = document.createElement("canvas").getContext("2d");

  function metrics() {
    const cs = getComputedStyle(text);
    ruler.font = [cs.fontStyle, cs.fontWeight, cs.fontSize, cs.fontFamily].join(" ");
    return {
      line: parseFloat(cs.lineHeight) || 18,
      top: text.offsetTop + text.clientTop + parseFloat(cs.paddingTop),
      left: text.offsetLeft + text.clientLeft + parseFloat(cs.paddingLeft),
      right: text.offsetLeft + text.clientLeft + text.clientWidth - parseFloat(cs.paddingRight),
      bottom: text.offsetTop + text.clientTop + text.clientHeight,
      space: ruler.measureText("  ").width,
    };
  }

  function drawGutter() {
    const count = text.value.split("\n").length;
    if (count !== gutterLines || gutter.dataset.marks !== [...marks.keys()].join(",")) {
      const rows = [];
      for (let n = 1; n <= count; n++) {
        const row = document.createElement("div");
        row.textContent = String(n);
        row.dataset.line = String(n);
        if (marks.has(n)) row.className = "bad";
        rows.push(row);
      }
      gutter.replaceChildren.apply(gutter, rows);
      gutterLines = count;
      gutter.dataset.marks = [...marks.keys()].join(",");
    }
    gutter.scrollTop = text.scrollTop;
  }

  function drawNotes() {
    drawGutter();
    notes.replaceChildren();
    if (!marks.size) return;
    const m = metrics();
    const lines = text.value.split("\n");
    marks.forEach(function (message, line) {
      const top = m.top + (line - 1) * m.line - text.scrollTop;
      if (top < m.top - 1 || top + m.line > m.bottom + 1) return;  // scrolled out of view
      const note = document.createElement("div");
      note.className = "line-note";
      note.dataset.line = String(line);
      note.textContent = message;
      const said = (lines[line - 1] || "").replace(/\t/g, "        ");
      const end = m.left + ruler.measureText(said).width - text.scrollLeft + m.space;
      const room = m.right - end;
      note.style.top = top + "px";
      note.style.height = m.line + "px";
      note.style.left = end + "px";
      notes.appendChild(note);
      if (note.offsetWidth > room) {  // no room at the end: under the line, wrapped
        note.style.height = "";
        note.classList.add("under");
        note.style.top = (top + m.line) + "px";
        const indent = ruler.measureText(said.match(/^\s*/)[0]).width - text.scrollLeft;
        const left = Math.max(m.left, m.left + indent);
        note.style.left = left + "px";
        note.style.maxWidth = (m.right - left) + "px";
      }
    });
  }

  function setMarks(problems) {
    marks = new Map();
    problems.forEach(function (p) {
      if (!p.line || p.file !== name) return;
      const said = (p.key ? p.key + ": " : "") + p.message;
      marks.set(p.line, marks.has(p.line) ? marks.get(p.line) + "; " + said : said);
    });
    notes.classList.remove("stale");
    drawNotes();
  }

  text.addEventListener("scroll", drawNotes);
  window.addEventListener("resize", drawNotes);
  new ResizeObserver(function () { drawNotes(); }).observe(text);
  setMarks([...document.querySelectorAll("#problems li[data-line]")].map(function (li) {
    return {line: parseInt(li.dataset.line, 10), file: name, key: "", message: li.dataset.note};
  }));

  function problemItem(p) {
    const li = document.createElement("li");
    li.className = "error";
    li.dataset.key = p.key || "";
    li.dataset.message = p.message;
    li.dataset.file = p.file || "";
    const where = document.createElement("code");
    where.textContent = p.where;
    li.appendChild(where);
    if (p.key) {
      li.appendChild(document.createTextNode(" "));
      const key = document.createElement("code");
      key.textContent = p.key;
      li.appendChild(key);
    }
    li.appendChild(document.createTextNode(": " + p.message));
    if (p.line && p.file === name) {
      li.dataset.line = String(p.line);
      li.dataset.note = (p.key ? p.key + ": " : "") + p.message;
      li.appendChild(document.createTextNode(" "));
      const go = document.createElement("button");
      go.type = "button";
      go.className = "goto";
      go.textContent = "go to line " + p.line;
      li.appendChild(go);
    }
    return li;
  }

  function status(state, message) {
    const el = document.getElementById("live-status");
    el.dataset.state = state;
    el.textContent = message;
  }

  function show(view) {
    const problems = document.getElementById("problems");
    if (view.error) {
      problems.replaceChildren();
      const li = document.createElement("li");
      li.className = "error";
      li.textContent = "The preview failed: " + view.error;
      problems.appendChild(li);
      status("failed", "The preview failed; the figures are from the last valid text");
      return;
    }
    problems.replaceChildren.apply(problems, view.problems.map(problemItem));
    setMarks(view.problems);
    document.dispatchEvent(new CustomEvent("parting:preview", {detail: view}));
    list("warnings", view.warnings);
    if (!view.ok) {
      text.setAttribute("aria-invalid", "true");
      document.getElementById("headline").classList.add("stale");
      status("problems", "The case file has problems: the figures are from its last valid text");
      return;
    }
    text.removeAttribute("aria-invalid");
    document.getElementById("headline").classList.remove("stale");
    status("ok", "");
    setText("end-date", view.end_date);
    setText("money-label", view.money_label);
    setText("money", view.money);
    setText("due-date", view.due_date);
    document.getElementById("due").hidden = !view.due_date;
    document.querySelectorAll("#files details").forEach(function (d) {
      const body = view.files[d.dataset.file];
      if (body !== undefined) d.querySelector("pre").textContent = body;
    });
    if (letter && !letterEdited && view.files["letter.md"] !== undefined) {
      letter.value = view.files["letter.md"];
    }
  }

  // Only the answer to the latest text is shown, however the answers arrive.
  let timer = null;
  let sent = 0;
  function update() {
    const seq = ++sent;
    status("updating", "Updating…");
    post(base + "/preview", {text: text.value}).then(function (view) {
      if (seq === sent) show(view);
    }, function (err) {
      if (seq === sent) show({error: String(err)});
    });
  }
  text.addEventListener("input", function () {
    notes.classList.add("stale");  // until the answer to this text places them again
    drawNotes();
    clearTimeout(timer);
    timer = setTimeout(update, 400);
  });

  // An edit made before this script ran had no input event to answer.
  if (text.value !== text.defaultValue) update();

  // Restoring a revision replaces the text in the editor: not without asking, if it is edited.
  document.querySelectorAll("#revisions form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (text.value !== text.defaultValue &&
          !window.confirm("Restoring replaces your unsaved edits in the editor. Restore?")) {
        event.preventDefault();
      }
    });
  });

  document.getElementById("problems").addEventListener("click", function (event) {
    const go = event.target.closest("button.goto");
    if (go) goToLine(parseInt(go.closest("li").dataset.line, 10));
  });

  if (!letter) return;
  // --- the letter: checked as you type (findings highlighted in it), saved beside the case ---
  const marksLayer = document.getElementById("letter-marks");
  const generatedButton = document.getElementById("generated");
  letterEdited = letter.dataset.own === "1";
  let letterTimer = null;
  let checks = 0;

  // Python counts code points, the textarea UTF-16 units: the offsets of `s` in JS.
  function units(s, points) {
    let i = 0;
    for (let n = 0; n < points && i < s.length; n++) {
      const c = s.charCodeAt(i);
      i += (c >= 0xd800 && c < 0xdc00) ? 2 : 1;
    }
    return i;
  }

  function drawMarks(findings) {
    const value = letter.value;
    const spans = findings.map(function (f) {
      return {start: units(value, f.start), end: units(value, f.end), f: f};
    }).filter(function (r) { return r.end > r.start; })
      .sort(function (a, b) { return a.start - b.start; });
    const parts = [];
    let at = 0;
    spans.forEach(function (r) {
      if (r.start < at) return;  // overlapping: the first is shown
      parts.push(document.createTextNode(value.slice(at, r.start)));
      const mark = document.createElement("mark");
      mark.textContent = value.slice(r.start, r.end);
      mark.dataset.code = r.f.code;
      mark.className = r.f.code.charAt(0) === "F" ? "fact" : "";
      parts.push(mark);
      at = r.end;
    });
    parts.push(document.createTextNode(value.slice(at) + "\n"));
    marksLayer.replaceChildren.apply(marksLayer, parts);
    marksLayer.scrollTop = letter.scrollTop;
  }

  function finding(f) {
    const li = document.createElement("li");
    li.dataset.start = String(f.start);
    li.dataset.end = String(f.end);
    const code = document.createElement("code");
    code.textContent = f.code;
    li.appendChild(document.createTextNode("line " + f.line + ": "));
    li.appendChild(code);
    li.appendChild(document.createTextNode(" " + f.message + ' "' + f.text + '"'));
    if (f.suggestion) {
      const s = document.createElement("span");
      s.className = "suggestion";
      s.textContent = " -> " + f.suggestion;
      li.appendChild(s);
    }
    const go = document.createElement("button");
    go.type = "button";
    go.className = "show";
    go.textContent = "show";
    li.appendChild(document.createTextNode(" "));
    li.appendChild(go);
    return li;
  }

  function runCheck() {
    const seq = ++checks;
    const sentText = letter.value;
    setText("verdict", "Checking…");
    post("/check", {text: sentText, case: name}).then(function (result) {
      if (seq !== checks) return;
      if (result.error) {
        setText("verdict", "Not checked: " + result.error);
        list("findings", result.problems || []);
        drawMarks([]);
        return;
      }
      setText("verdict", (result.passes ? "Passes" : "Does not pass") +
              ": score " + result.score + "/100, " + result.findings.length + " finding(s)");
      const ul = document.getElementById("findings");
      ul.replaceChildren.apply(ul, result.findings.map(finding));
      if (letter.value === sentText) drawMarks(result.findings);
    }, function (err) {
      if (seq === checks) setText("verdict", "Not checked: " + String(err));
    });
  }

  function letterStatus(message) { setText("letter-status", message); }

  letter.addEventListener("input", function () {
    letterEdited = true;
    letterStatus("Not saved yet");
    drawMarks([]);  // the offsets no longer hold; the next check places them again
    clearTimeout(letterTimer);
    letterTimer = setTimeout(runCheck, 700);
  });
  letter.addEventListener("scroll", function () { marksLayer.scrollTop = letter.scrollTop; });
  new ResizeObserver(function () { marksLayer.scrollTop = letter.scrollTop; }).observe(letter);
  document.getElementById("check").addEventListener("click", runCheck);

  document.getElementById("findings").addEventListener("click", function (event) {
    const go = event.target.closest("button.show");
    if (!go) return;
    const li = go.closest("li");
    const value = letter.value;
    letter.focus();
    letter.setSelectionRange(units(value, parseInt(li.dataset.start, 10)),
                             units(value, parseInt(li.dataset.end, 10)));
  });

  document.getElementById("save-letter").addEventListener("click", function () {
    letterStatus("Saving…");
    post(base + "/letter", {text: letter.value}).then(function (r) {
      if (r.error) { letterStatus("Not saved: " + r.error); return; }
      letterEdited = true;
      letter.dataset.own = "1";
      generatedButton.hidden = false;
      letterStatus("Saved as " + r.file + (r.revision ? "; the previous text is kept as " +
                                            r.revision : ""));
    }, function (err) { letterStatus("Not saved: " + String(err)); });
  });

  generatedButton.addEventListener("click", function () {
    post(base + "/letter", {generated: true}).then(function (r) {
      if (r.error) { letterStatus("Not changed: " + r.error); return; }
      const pre = document.querySelector('#files details[data-file="letter.md"] pre');
      letter.value = pre ? pre.textContent : "";
      letterEdited = false;
      letter.dataset.own = "";
      generatedButton.hidden = true;
      letterStatus("The generated letter" + (r.revision ? "; yours is kept as " + r.revision : ""));
      runCheck();
    }, function (err) { letterStatus("Not changed: " + String(err)); });
  });

  // --- parting send --dry-run ---------------------------------------------------------------
  document.getElementById("dry-run").addEventListener("click", function () {
    const report = document.getElementById("dry-run-report");
    report.hidden = false;
    report.textContent = "Preparing the dry run…";
    list("dry-run-warnings", []);
    const cc = document.getElementById("cc-stakeholders").checked;
    post(base + "/send-dry-run", {cc_stakeholders: cc}).then(function (r) {
      if (r.error) {
        report.textContent = "No dry run: " + r.error + (r.problems ? "\n" + r.problems.join("\n") : "");
        return;
      }
      report.textContent = r.lines.join("\n");
      list("dry-run-warnings", r.warnings.map(function (w) { return "warning: " + w; }));
    }, function (err) { report.textContent = "No dry run: " + String(err); });
  });

  drawMarks([]);
  if (letterEdited) runCheck();  // the user's own letter: its findings at once
})();
