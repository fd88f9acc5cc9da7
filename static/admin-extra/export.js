// The export page's "Select all" box, which django-import-export wires up with an inline
// onchange handler that the site's Content-Security-Policy blocks.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("select-all-toggle");
  if (!toggle) return;
  const boxes = () =>
    document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]');
  toggle.addEventListener("change", () => {
    boxes().forEach((box) => {
      box.checked = toggle.checked;
    });
  });
});
