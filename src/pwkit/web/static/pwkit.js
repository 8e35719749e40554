// pwkit apri: the little JavaScript of the pages, written for pwkit (no framework, no build).
// Rows of a list (add, remove, move), the prose toolbar and preview, the Comuni grid paste.
// Without JavaScript every page still shows and saves; these only make editing easier.
"use strict";

const NEW_ROW = "[__i__]";
const RENAMED = ["name", "id", "for", "aria-describedby", "data-campo", "data-lista", "data-riga"];

// --- names ---------------------------------------------------------------------------------

function startsName(value, prefix) {
  if (!value.startsWith(prefix)) return false;
  const next = value.charAt(prefix.length);
  return next === "" || next === "." || next === "[";
}

function renameIn(node, from, to) {
  // Every name-like attribute under node (templates included) starting with `from` → `to`.
  const all = [node, ...node.querySelectorAll("*")];
  for (const el of all) {
    for (const attr of RENAMED) {
      const value = el.getAttribute && el.getAttribute(attr);
      if (!value) continue;
      const parts = value.split(" ").map((part) => {
        for (const p of ["", "campo-", "guida-", "errore-"]) {
          if (part.startsWith(p) && startsName(part.slice(p.length), from)) {
            return p + to + part.slice(p.length + from.length);
          }
        }
        return part;
      });
      el.setAttribute(attr, parts.join(" "));
    }
    if (el.tagName === "TEMPLATE") renameIn(el.content, from, to);
  }
}

function renumber(list) {
  const name = list.dataset.lista;
  const rows = list.querySelectorAll(":scope > .righe > .riga");
  rows.forEach((row, index) => {
    const target = `${name}[${index}]`;
    const old = row.dataset.riga;
    if (old !== target) renameIn(row, old, target);
    const legend = row.querySelector(":scope > fieldset > .numero-riga");
    if (legend) legend.textContent = `Riga ${index + 1}`;
  });
}

// --- rows of a list ------------------------------------------------------------------------

function addRow(list) {
  const template = list.querySelector(":scope > template");
  const row = template.content.firstElementChild.cloneNode(true);
  const from = row.dataset.riga;
  const count = list.querySelectorAll(":scope > .righe > .riga").length;
  renameIn(row, from, from.slice(0, from.length - NEW_ROW.length) + `[${count}]`);
  list.querySelector(":scope > .righe").appendChild(row);
  renumber(list);
  const first = row.querySelector("input:not([type=hidden]), select, textarea");
  if (first) first.focus();
}

function moveRow(row, step) {
  const list = row.closest("[data-lista]");
  const other = step < 0 ? row.previousElementSibling : row.nextElementSibling;
  if (!other) return;
  if (step < 0) other.before(row); else other.after(row);
  renumber(list);
  row.querySelector(step < 0 ? ".su" : ".giu").focus();
}

function removeRow(row) {
  const list = row.closest("[data-lista]");
  const next = row.nextElementSibling || row.previousElementSibling;
  row.remove();
  renumber(list);
  const focus = next ? next.querySelector("button.rimuovi") : list.querySelector(".aggiungi");
  if (focus) focus.focus();
}

// --- the prose: toolbar and preview ----------------------------------------------------------

const MARKS = {
  grassetto: (text) => `**${text || "testo in grassetto"}**`,
  corsivo: (text) => `*${text || "testo in corsivo"}*`,
  elenco: (text) =>
    "\n" + (text || "voce").split("\n").map((line) => `- ${line.replace(/^- /, "")}`).join("\n") + "\n",
  tabella: () => "\n| Colonna 1 | Colonna 2 |\n|---|---|\n| valore | valore |\n",
};

function mark(area, kind) {
  const start = area.selectionStart;
  const end = area.selectionEnd;
  const made = MARKS[kind](area.value.slice(start, end));
  area.setRangeText(made, start, end, "end");
  area.dispatchEvent(new Event("input", { bubbles: true }));
  area.focus();
}

async function showPreview(area) {
  const csrf = document.querySelector("meta[name=csrf]").content;
  const body = new FormData();
  body.append("prosa", area.value);
  const answer = await fetch("/anteprima", {
    method: "POST",
    body,
    headers: { "X-CSRF-Token": csrf },
    credentials: "same-origin",
  });
  if (answer.ok) document.getElementById("anteprima").innerHTML = await answer.text();
}

// --- the Comuni grid -------------------------------------------------------------------------

function gridRow(table) {
  const columns = Number(table.dataset.colonne);
  const body = table.tBodies[0];
  const index = Number(table.dataset.prossima || body.querySelectorAll("tr:not(.segnalazioni-riga)").length);
  table.dataset.prossima = String(index + 1);
  const tr = document.createElement("tr");
  const th = document.createElement("th");
  th.scope = "row";
  th.className = "numero";
  th.textContent = String(index + 1);
  tr.appendChild(th);
  const heads = table.tHead.rows[0].cells;
  for (let c = 0; c < columns; c++) {
    const td = document.createElement("td");
    const input = document.createElement("input");
    input.name = `r${index}c${c}`;
    input.setAttribute("aria-label", `${heads[c + 1].textContent}, riga ${index + 1}`);
    td.appendChild(input);
    tr.appendChild(td);
  }
  const td = document.createElement("td");
  td.innerHTML = '<button type="button" class="piccolo rimuovi-riga">✕</button>';
  td.firstChild.setAttribute("aria-label", `Rimuovi la riga ${index + 1}`);
  tr.appendChild(td);
  body.appendChild(tr);
  return tr;
}

function pasteGrid(event) {
  const cell = event.target;
  const match = /^r(\d+)c(\d+)$/.exec(cell.name || "");
  const text = (event.clipboardData || window.clipboardData).getData("text");
  if (!match || !/[\t\n]/.test(text)) return; // one value: the ordinary paste
  event.preventDefault();
  const table = cell.closest("table");
  const columns = Number(table.dataset.colonne);
  const lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  const rows = () => [...table.tBodies[0].querySelectorAll("tr:not(.segnalazioni-riga)")];
  const first = rows().indexOf(cell.closest("tr"));
  lines.forEach((line, i) => {
    while (rows().length <= first + i) gridRow(table);
    const inputs = rows()[first + i].querySelectorAll("input");
    line.split("\t").forEach((value, j) => {
      const c = Number(match[2]) + j;
      if (c < columns) inputs[c].value = value.trim();
    });
  });
}

// --- wiring ----------------------------------------------------------------------------------

document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.classList.contains("aggiungi")) addRow(button.closest("[data-lista]"));
  else if (button.classList.contains("su")) moveRow(button.closest(".riga"), -1);
  else if (button.classList.contains("giu")) moveRow(button.closest(".riga"), 1);
  else if (button.classList.contains("rimuovi")) removeRow(button.closest(".riga"));
  else if (button.dataset.md) {
    mark(document.getElementById(button.closest("[data-per]").dataset.per), button.dataset.md);
  } else if (button.id === "mostra-anteprima") showPreview(document.getElementById("campo-prosa"));
  else if (button.classList.contains("aggiungi-riga")) {
    gridRow(document.querySelector("[data-griglia]")).querySelector("input").focus();
  } else if (button.classList.contains("rimuovi-riga")) button.closest("tr").remove();
});

document.addEventListener("paste", (event) => {
  if (event.target.closest && event.target.closest("[data-griglia]")) pasteGrid(event);
});

let previewTimer = null;
document.addEventListener("input", (event) => {
  if (event.target.id !== "campo-prosa") return;
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => showPreview(event.target), 600);
});

// --- nothing typed is lost by leaving the page; Ctrl+S saves -------------------------------

let unsaved = false;
const EDITED = "#modulo, #modulo-comuni";

function touched(event) {
  if (event.target.closest && event.target.closest(EDITED)) unsaved = true;
}
document.addEventListener("input", touched);
document.addEventListener("change", touched);
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("button[type=button]");
  if (button && button.closest(EDITED)) unsaved = true; // rows added, moved, removed
});
document.addEventListener("submit", () => {
  unsaved = false;
});
window.addEventListener("beforeunload", (event) => {
  if (unsaved) event.preventDefault();
});
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
    const form = document.querySelector(EDITED);
    if (!form) return;
    event.preventDefault();
    unsaved = false;
    form.requestSubmit();
  }
});
