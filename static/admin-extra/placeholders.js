// The placeholder reference: rows filter as an editor types, and each name has a button
// that copies it. Without this file the search form filters on the server (?q=).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("placeholder-q");
  const count = document.getElementById("placeholder-count");
  const copied = document.getElementById("placeholder-copied");
  if (!input || !count) return;
  const total = Number(count.dataset.total);
  const rows = Array.from(document.querySelectorAll("tr[data-search]"));
  const groups = Array.from(document.querySelectorAll(".placeholder-group"));
  const links = new Map(
    Array.from(document.querySelectorAll(".placeholder-groups-nav li")).map((li) => [
      li.dataset.group,
      li,
    ]),
  );
  const none = document.querySelector(".placeholder-none");
  const noneQuery = document.querySelector(".placeholder-none-query");
  const haystack = new Map(rows.map((row) => [row, row.dataset.search.toLowerCase()]));

  function filter() {
    const needle = input.value.trim().toLowerCase();
    let shown = 0;
    rows.forEach((row) => {
      row.hidden = needle !== "" && !haystack.get(row).includes(needle);
      if (!row.hidden) shown += 1;
    });
    groups.forEach((group) => {
      const visible = group.querySelectorAll("tr[data-search]:not([hidden])").length;
      group.hidden = visible === 0;
      const link = links.get(group.id.replace("placeholders-", ""));
      if (link) {
        link.hidden = visible === 0;
        link.querySelector(".placeholder-group-count").textContent = visible;
      }
    });
    count.textContent = needle
      ? `${shown} of ${total} placeholders match “${input.value.trim()}”.`
      : `All ${total} placeholders, by the table they come from.`;
    if (none) {
      none.hidden = shown > 0;
      noneQuery.textContent = input.value.trim();
    }
    // The address keeps the search, so reloading or sharing it shows the same rows.
    const url = new URL(window.location.href);
    if (needle) url.searchParams.set("q", input.value.trim());
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  }

  input.addEventListener("input", filter);
  // The rows already follow the box: Enter need not reload the page.
  input.form.addEventListener("submit", (event) => {
    event.preventDefault();
    filter();
  });

  function say(text) {
    copied.textContent = "";
    // A fresh text node each time, so screen readers announce a repeated copy too.
    window.setTimeout(() => {
      copied.textContent = text;
    }, 50);
  }

  function selectText(node) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.querySelectorAll("code[data-copy]").forEach((code) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-name";
    button.dataset.copy = code.dataset.copy;
    button.textContent = "Copy";
    button.setAttribute("aria-label", `Copy ${code.dataset.copy}`);
    code.after(button);
    button.addEventListener("click", () => {
      const text = button.dataset.copy;
      const done = () => {
        button.textContent = "Copied";
        window.setTimeout(() => {
          button.textContent = "Copy";
        }, 2000);
        say(`Copied ${text}: paste it into a page body.`);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, () => {
          selectText(code);
          say("Your browser did not allow copying: the name is selected, press Ctrl+C.");
        });
      } else {
        selectText(code);
        say("The name is selected: press Ctrl+C (⌘C on a Mac) to copy it.");
      }
    });
  });
});
