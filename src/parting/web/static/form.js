// parting serve: the form view of the case. The YAML text in the editor stays the one source
// of truth: each change of a field is sent with it to /edit, which answers the new text (a
// round-trip edit: comments and key order kept); the editor's text is replaced and the live
// preview follows. The preview's problems are marked beside their field. Text is set with
// textContent and .value only.
"use strict";
(function () {
  const text = document.getElementById("text");
  const view = document.getElementById("form-view");
  if (!text || !view) return;
  const name = text.dataset.case;
  const base = "/case/" + encodeURIComponent(name);
  const code = document.getElementById("code");
  const steps = document.getElementById("form-steps");
  const tabForm = document.getElementById("tab-form");
  const tabYaml = document.getElementById("tab-yaml");
  const note = document.getElementById("view-note");
  let places = new Map();  // key path -> {el, box}: where its problems are shown
  let problems = [...document.querySelectorAll("#problems li[data-key]")].map(function (li) {
    return {key: li.dataset.key, message: li.dataset.message, file: li.dataset.file};
  });
  let pending = new Map();  // path -> timer of a typed value not sent yet
  let queue = Promise.resolve();
  let edits = 0;  // edits sent and not answered

  const post = window.partingPost;  // app.js's: JSON with the CSRF token

  function el(tag, props, children) {
    const e = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") e.textContent = props[k];
      else if (k === "dataset") Object.assign(e.dataset, props[k]);
      else if (k in e && k !== "list") e[k] = props[k];
      else e.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  function label(key) {
    const s = key.replace(/_/g, " ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function valueAt(values, path) {
    let v = values;
    path.replace(/\[(\d+)\]/g, ".$1").split(".").forEach(function (p) {
      v = (v !== null && typeof v === "object") ? v[p] : undefined;
    });
    return v;
  }

  function shown(v, kind) {
    if (v === undefined || v === null) return "";
    if (Array.isArray(v)) return v.join(kind === "lines" ? "\n" : ", ");
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  }

  // --- the view: form or YAML -----------------------------------------------------------------
  function showView(which) {
    const form = which === "form";
    view.hidden = !form;
    code.hidden = form;
    tabForm.setAttribute("aria-selected", String(form));
    tabYaml.setAttribute("aria-selected", String(!form));
    try { localStorage.setItem("parting-view", which); } catch (e) { /* private mode */ }
    if (form) load();
    else note.textContent = "";
  }

  tabForm.addEventListener("click", function () {
    if (!view.hidden) return;  // already shown: no second rendering under the user's hand
    flush().then(function () { showView("form"); });
  });
  tabYaml.addEventListener("click", function () { flush().then(function () { showView("yaml"); }); });
  document.addEventListener("click", function (event) {
    if (event.target.closest("#problems button.goto") && !view.hidden) showView("yaml");
  }, true);

  // --- reading the text into the form ---------------------------------------------------------
  let loads = 0;
  function load() {
    const seq = ++loads;
    return post(base + "/form", {text: text.value}).then(function (r) {
      if (seq !== loads) return;
      if (r.error) {
        showView("yaml");
        note.textContent = "The form cannot show this text: " + r.error;
        return;
      }
      note.textContent = "";
      render(r.steps, r.values);
      mark();
    });
  }

  function place(path, elem, box) { places.set(path, {el: elem, box: box}); }

  function widget(f, raw, path, id) {
    const value = shown(raw, f.kind);
    const common = {id: id, dataset: {path: path, kind: f.kind}};
    let input;
    if (f.kind === "bool" || f.kind === "choice") {
      input = el("select", common);
      const choices = f.kind === "bool" ? ["true", "false"] : f.choices;
      input.appendChild(el("option", {value: "", text: f.default ? "(default: " + f.default + ")"
                                                   : (f.required ? "(choose)" : "(none)")}));
      choices.forEach(function (c) { input.appendChild(el("option", {value: c, text: c})); });
      if (value !== "" && choices.indexOf(value) < 0) {
        input.appendChild(el("option", {value: value, text: value}));
      }
      input.value = value;
    } else if (f.kind === "list" && f.choices.length) {
      input = el("span", {className: "choices", role: "group", dataset: {path: path, kind: "checks"}});
      const said = Array.isArray(raw) ? raw : [];
      f.choices.forEach(function (c) {
        const box = el("input", {type: "checkbox", value: c});
        box.checked = said.indexOf(c) >= 0;
        input.appendChild(el("label", {}, [box, document.createTextNode(" " + c)]));
      });
      return input;
    } else if (f.kind === "long" || f.kind === "lines") {
      input = el("textarea", Object.assign(common, {rows: f.kind === "lines" ? 3 : 3}));
      input.value = value;
    } else {
      input = el("input", Object.assign(common, {type: "text", autocomplete: "off"}));
      if (f.kind === "number") input.inputMode = "decimal";
      if (f.kind === "integer") input.inputMode = "numeric";
      if (f.kind === "date") input.placeholder = "YYYY-MM-DD";
      else if (f.kind === "list") input.placeholder = "a, b, c";
      else if (f.default) input.placeholder = "default: " + f.default;
      input.value = value;
    }
    if (f.required) input.required = true;
    return input;
  }

  function fieldsPart(part, values) {
    const box = el("p", {className: "field-error part-error", role: "alert"});
    const set = el("fieldset", {dataset: {path: part.section}}, [el("legend", {text: part.title}), box]);
    place(part.section, set, box);
    part.fields.forEach(function (f) {
      const id = "f-" + f.path.replace(/[^a-z0-9_]/gi, "-");
      const input = widget(f, valueAt(values, f.path), f.path, id);
      const error = el("span", {className: "field-error", id: id + "-error", role: "alert"});
      if (input.tagName !== "SPAN") input.setAttribute("aria-describedby", id + "-error");
      const hint = f.meaning ? el("span", {className: "hint", text: f.meaning}) : null;
      const lab = el(input.tagName === "SPAN" ? "span" : "label",
                     input.tagName === "SPAN" ? {className: "label"} : {htmlFor: id},
                     [document.createTextNode(label(f.key) + (f.required ? " *" : ""))]);
      const wrap = el("div", {className: "field" + (f.kind === "long" || f.kind === "lines" ? " wide" : "")},
                      [lab, input, error, hint]);
      if (f.meaning) wrap.title = f.key + ": " + f.type;
      place(f.path, input, error);
      set.appendChild(wrap);
    });
    return set;
  }

  function tablePart(part, values) {
    const rows = valueAt(values, part.key);
    const box = el("p", {className: "field-error part-error", role: "alert"});
    const set = el("fieldset", {className: "table", dataset: {path: part.key}},
                   [el("legend", {text: part.title}), box]);
    place(part.key, set, box);
    if (typeof rows === "string") {
      set.appendChild(el("p", {className: "note", text: "Read from the CSV file " + rows +
        " beside the case: edit that file, or import a CSV below with \u201creplace\u201d to " +
        "have the rows in the case file itself."}));
    } else {
      const head = el("tr", {}, [el("th", {scope: "col", text: "#"})].concat(
        part.columns.map(function (c) {
          return el("th", {scope: "col", title: c.meaning, text: label(c.key) + (c.required ? " *" : "")});
        }), [el("th", {scope: "col", text: ""})]));
      const body = el("tbody");
      (Array.isArray(rows) ? rows : []).forEach(function (row, i) {
        const rowPath = part.key + "[" + i + "]";
        const rowBox = el("span", {className: "field-error", role: "alert"});
        const tr = el("tr", {dataset: {path: rowPath}},
                      [el("td", {className: "n", dataset: {label: "#"}}, [el("span", {text: String(i + 1)}), rowBox])]);
        place(rowPath, tr, rowBox);
        part.columns.forEach(function (c) {
          const path = rowPath + "." + c.key;
          const id = "f-" + path.replace(/[^a-z0-9_]/gi, "-");
          const v = row && typeof row === "object" ? row[c.key] : undefined;
          const input = widget(c, v, path, id);
          input.setAttribute("aria-label", label(c.key) + ", row " + (i + 1));
          const error = el("span", {className: "field-error", id: id + "-error", role: "alert"});
          input.setAttribute("aria-describedby", id + "-error");
          place(path, input, error);
          tr.appendChild(el("td", {dataset: {label: label(c.key)}}, [input, error]));
        });
        tr.appendChild(el("td", {className: "remove"}, [el("button", {
          type: "button", className: "remove-row", text: "\u2715",
          title: "Remove row " + (i + 1), dataset: {row: rowPath}})]));
        tr.lastChild.firstChild.setAttribute("aria-label", "Remove row " + (i + 1));
        body.appendChild(tr);
      });
      set.appendChild(el("div", {className: "scroll"}, [el("table", {className: "rows"}, [el("thead", {}, [head]), body])]));
      set.appendChild(el("button", {type: "button", className: "add-row", text: "Add a row",
                                     dataset: {table: part.key}}));
    }
    if (part.csv) set.appendChild(csvImport(part));
    return set;
  }

  function csvImport(part) {
    const columns = part.columns.map(function (c) { return c.key; }).join(",");
    const file = el("input", {type: "file", accept: ".csv,text/csv,text/plain", className: "csv-file"});
    const paste = el("textarea", {className: "csv-text", rows: 4, spellcheck: false,
                                  placeholder: columns + "\n..."});
    paste.setAttribute("aria-label", "CSV to import into " + part.title);
    const radio = "mode-" + part.key;
    const append = el("input", {type: "radio", name: radio, value: "append", checked: true});
    const replace = el("input", {type: "radio", name: radio, value: "replace"});
    const result = el("div", {className: "csv-result", role: "status"});
    const go = el("button", {type: "button", text: "Import", className: "csv-go"});
    go.addEventListener("click", function () {
      const chosen = file.files && file.files[0];
      (chosen ? chosen.text() : Promise.resolve(paste.value)).then(function (csvText) {
        return flush().then(function () {
          result.textContent = "Importing…";
          return post(base + "/import-csv", {text: text.value, key: part.key, csv: csvText,
                                             mode: replace.checked ? "replace" : "append"});
        });
      }).then(function (r) {
        if (r.error) {
          result.replaceChildren(el("p", {className: "error", text: r.error}),
            el("ul", {className: "problems"}, (r.problems || []).map(function (p) {
              const where = p.row ? "row " + p.row + " (line " + p.line + " of the CSV)"
                : (p.line ? "line " + p.line + " of the CSV" : "the CSV");
              return el("li", {className: "error", text: where +
                (p.column ? ", column " + p.column : "") + ": " + p.message});
            })));
          return;
        }
        setText(r.text);
        load().then(function () {
          const again = steps.querySelector('fieldset[data-path="' + part.key + '"] .csv-result');
          if (again) again.textContent = "Imported " + r.rows + " row(s) " +
            (r.mode === "replace" ? "in place of the rows there were" : "after the rows there were") +
            "; Save to write the file.";
        });
      }, function (err) { result.textContent = "Not imported: " + String(err); });
    });
    return el("details", {className: "csv"}, [
      el("summary", {text: "Import CSV (" + part.title.toLowerCase() + ")"}),
      el("p", {className: "note", text: "A header row of the keys (" + columns.replace(/,/g, ", ") +
        "), as for a CSV file named in the case file: empty cells take the defaults; ';' " +
        "between cells and a decimal comma are read too."}),
      el("label", {}, [document.createTextNode("CSV file "), file]),
      paste,
      el("div", {className: "actions"}, [
        el("label", {}, [append, document.createTextNode(" add after the rows")]),
        el("label", {}, [replace, document.createTextNode(" replace the rows")]),
        go]),
      result]);
  }

  function render(stepsSpec, values) {
    places = new Map();
    const out = stepsSpec.map(function (step) {
      return el("section", {className: "step"}, [el("h3", {text: step.title})].concat(
        step.parts.map(function (part) {
          return part.part === "fields" ? fieldsPart(part, values) : tablePart(part, values);
        })));
    });
    steps.replaceChildren.apply(steps, out);
  }

  // --- problems beside their field ------------------------------------------------------------
  // time_entries[3].hours -> time_entries[3] -> time_entries -> "": the nearest place shown
  function parent(key) {
    if (/\[\d+\]$/.test(key)) return key.replace(/\[\d+\]$/, "");
    const dot = key.lastIndexOf(".");
    return dot < 0 ? "" : key.slice(0, dot);
  }

  function mark() {
    places.forEach(function (p) {
      p.box.textContent = "";
      if (p.el.removeAttribute) p.el.removeAttribute("aria-invalid");
      p.el.classList.remove("bad");
    });
    const elsewhere = [];
    problems.forEach(function (p) {
      let key = (p.key || "").split(" (column")[0];
      let at = null;
      if (p.file === name) {
        while (key && !(at = places.get(key))) key = parent(key);
      }
      if (!at) { elsewhere.push(p); return; }
      const said = key === (p.key || "") ? p.message : p.key + ": " + p.message;
      at.box.textContent = at.box.textContent ? at.box.textContent + "; " + said : said;
      at.el.setAttribute("aria-invalid", "true");
      at.el.classList.add("bad");
    });
    const ul = document.getElementById("form-problems");
    ul.replaceChildren.apply(ul, elsewhere.map(function (p) {
      return el("li", {className: "error", text: (p.key ? p.key + ": " : "") + p.message +
                                                   (p.file && p.file !== name ? " (" + p.file + ")" : "")});
    }));
  }

  document.addEventListener("parting:preview", function (event) {
    problems = event.detail.problems || [];
    if (!view.hidden) mark();
  });

  // --- edits ------------------------------------------------------------------------------------
  function setText(value) {
    if (value === text.value) return;
    text.value = value;
    text.dispatchEvent(new Event("input"));  // the live preview and the line marks follow
  }

  function edit(body) {
    edits++;
    queue = queue.then(function () {
      return post(base + "/edit", Object.assign({text: text.value}, body));
    }).then(function (r) {
      edits--;
      if (r.error) {
        const at = places.get(body.path);
        if (at) at.box.textContent = r.error;
        else note.textContent = r.error;
        return r;
      }
      setText(r.text);
      return r;
    }, function (err) {
      edits--;
      note.textContent = "Not changed: " + String(err);
    });
    return queue;
  }

  function valueOf(input) {
    if (input.dataset.kind === "checks") {
      return [...input.querySelectorAll("input:checked")].map(function (b) { return b.value; });
    }
    if (input.dataset.kind === "list" || input.dataset.kind === "lines") {
      return input.value.split(input.dataset.kind === "lines" ? "\n" : ",").map(function (s) {
        return s.trim();
      }).filter(Boolean);
    }
    return input.value;
  }

  function send(input) {
    const path = input.dataset.path;
    clearTimeout(pending.get(path));
    pending.delete(path);
    return edit({op: "set", path: path, value: valueOf(input)});
  }

  // Sent when typing pauses (and at once when the field is left), one edit at a time.
  function flush() {
    const inputs = [...pending.keys()].map(function (path) {
      return steps.querySelector('[data-path="' + CSS.escape(path) + '"]');
    }).filter(Boolean);
    inputs.forEach(send);
    return queue;
  }

  steps.addEventListener("input", function (event) {
    const input = event.target.closest("[data-path]");
    if (!input || event.target.closest(".csv")) return;
    if (input.tagName === "SELECT" || input.dataset.kind === "checks") { send(input); return; }
    clearTimeout(pending.get(input.dataset.path));
    pending.set(input.dataset.path, setTimeout(function () { send(input); }, 500));
  });
  steps.addEventListener("change", function (event) {
    const input = event.target.closest("[data-path]");
    if (input && pending.has(input.dataset.path)) send(input);
  });

  steps.addEventListener("click", function (event) {
    const add = event.target.closest("button.add-row");
    const remove = event.target.closest("button.remove-row");
    if (!add && !remove) return;
    flush().then(function () {
      return edit(add ? {op: "add", path: add.dataset.table} : {op: "remove", path: remove.dataset.row});
    }).then(function (r) {
      if (r && !r.error) load();
    });
  });

  // Save sends the editor's text: the form's last change first.
  const saveForm = document.getElementById("save-form");
  saveForm.addEventListener("submit", function (event) {
    if (!pending.size && !edits) return;
    event.preventDefault();
    flush().then(function () { saveForm.submit(); });
  });

  let chosen = null;
  try { chosen = localStorage.getItem("parting-view"); } catch (e) { /* private mode */ }
  // The form first (most people never write YAML); the YAML view once chosen, or by #yaml.
  if (location.hash === "#form" || (location.hash !== "#yaml" && chosen !== "yaml")) showView("form");
  window.addEventListener("beforeunload", function (event) {
    if (edits || pending.size) event.preventDefault();
  });
})();
