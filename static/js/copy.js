// A "Copy" button beside text to copy (a figure's citation). Without this file the
// button stays hidden and the text is there to select.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    const target = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copy-status");
    if (!target || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(target.textContent.trim()).then(
        () => { if (status) status.textContent = "Copied."; },
        () => { if (status) status.textContent = "Could not copy: select the text instead."; },
      );
    });
  });
});
