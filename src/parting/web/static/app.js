// parting serve: the live preview and the letter check. Text is set with textContent only.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const text = document.getElementById("text");
  if (!text) return;
  const name = text.dataset.case;
  const base = "/case/" + encodeURIComponent(name);

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf,
                "Accept": "application/json"},
      body: JSON.stringify(body),
    }).then(function (r) { return r.json(); });
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

  function show(view) {
    if (view.error) { list("problems", [view.error]); return; }
    list("problems", view.problems.map(function (p) {
      return p.where + (p.key ? " " + p.key : "") + ": " + p.message;
    }));
    list("warnings", view.warnings);
    if (!view.ok) return;
    setText("end-date", view.end_date);
    setText("money-label", view.money_label);
    setText("money", view.money);
    setText("due-date", view.due_date);
    document.querySelectorAll("#files details").forEach(function (d) {
      const body = view.files[d.dataset.file];
      if (body !== undefined) d.querySelector("pre").textContent = body;
    });
  }

  let timer = null;
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      post(base + "/preview", {text: text.value}).then(show);
    }, 500);
  });

  document.getElementById("check").addEventListener("click", function () {
    const letter = document.getElementById("letter").value;
    post("/check", {text: letter, case: name}).then(function (result) {
      if (result.error) { setText("verdict", result.error); return; }
      setText("verdict", (result.passes ? "Passes" : "Does not pass") +
              ": score " + result.score + "/100, " + result.findings.length + " finding(s)");
      list("findings", result.findings.map(function (f) {
        return f.code + " " + f.message + ' "' + f.text + '"' +
               (f.suggestion ? " -> " + f.suggestion : "");
      }));
    });
  });
})();
