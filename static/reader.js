/* The site menu, enhanced. Without this file every group still opens and closes (each is a
   plain <details>), and the browser keeps one open at a time where it knows <details name>.
   With it: one group open at a time everywhere, Escape closes the open group and puts the
   focus back on its button, and a click or the focus moving elsewhere closes it. */
(() => {
  "use strict";

  const openGroups = () => document.querySelectorAll("details.menu-group[open]");

  document.addEventListener(
    "toggle",
    (event) => {
      const group = event.target;
      if (!(group instanceof HTMLDetailsElement) || !group.matches(".menu-group") || !group.open) {
        return;
      }
      for (const other of openGroups()) {
        if (other !== group) other.open = false;
      }
    },
    true, // toggle does not bubble
  );

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const group of openGroups()) {
      const hadFocus = group.contains(document.activeElement);
      group.open = false;
      if (hadFocus) group.querySelector("summary").focus();
    }
  });

  const closeElsewhere = (event) => {
    for (const group of openGroups()) {
      if (!group.contains(event.target)) group.open = false;
    }
  };
  document.addEventListener("click", closeElsewhere);
  document.addEventListener("focusin", closeElsewhere);
})();
