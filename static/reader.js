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

/* "Copy link" beside a result's "Link to this …": the button is in the page but hidden
   until this marks the page (html.can-copy), so without JavaScript or a clipboard it never
   shows, and a result htmx swaps in later arrives with it already in place. What it did
   is said in a status line outside the result, so the result is not read out again. */
(() => {
  "use strict";

  if (!navigator.clipboard || !window.isSecureContext) return;
  document.documentElement.classList.add("can-copy");

  let status = null;
  let timer = 0;
  const say = (text) => {
    if (!status) {
      status = document.createElement("p");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      document.body.append(status);
    }
    status.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(() => { status.textContent = ""; }, 5000);
  };

  document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element && event.target.closest(".copy-link");
    const link = button && button.closest(".share")?.querySelector("a.share-link");
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.href);
      say("Link copied.");
    } catch {
      say("Could not copy the link: open it and copy the address instead.");
    }
  });
})();
