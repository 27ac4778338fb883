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

  function problemItem(p) {
    const li = document.createElement("li");
    li.className = "error";
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
    clearTimeout(timer);
    timer = setTimeout(update, 400);
  });

  // An edit made before this script ran had no input event to answer.
  if (text.value !== text.defaultValue) update();

  document.getElementById("problems").addEventListener("click", function (event) {
    const go = event.target.closest("button.goto");
    if (go) goToLine(parseInt(go.closest("li").dataset.line, 10));
  });

  if (!letter) return;
  letter.addEventListener("input", function () { letterEdited = true; });
  document.getElementById("check").addEventListener("click", function () {
    setText("verdict", "Checking…");
    list("findings", []);
    post("/check", {text: letter.value, case: name}).then(function (result) {
      if (result.error) {
        setText("verdict", "Not checked: " + result.error);
        list("findings", result.problems || []);
        return;
      }
      setText("verdict", (result.passes ? "Passes" : "Does not pass") +
              ": score " + result.score + "/100, " + result.findings.length + " finding(s)");
      list("findings", result.findings.map(function (f) {
        return "line " + f.line + ": " + f.code + " " + f.message + ' "' + f.text + '"' +
               (f.suggestion ? " -> " + f.suggestion : "");
      }));
    }, function (err) {
      setText("verdict", "Not checked: " + String(err));
    });
  });
})();
