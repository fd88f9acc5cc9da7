// The place fields (salaries/pages/place_field.py): a list of states and a box for a
// city or metropolitan area, which wins when filled in.
// - A suggestion chosen under the box is put in it, and the box announces the change,
//   so a live form asks for a new result.
// - Choosing in the list empties the box, so the choice counts. This runs before htmx
//   sends the form (capture phase), so the request carries the empty box.
// Pressing a suggestion leaves the focus in the box, so the box does not first report
// the half-typed text as a change (which would ask for an estimate of it).
document.addEventListener("mousedown", (event) => {
  if (event.target.closest(".place-suggestion")) event.preventDefault();
});

document.addEventListener("click", (event) => {
  const button = event.target.closest(".place-suggestion");
  if (!button) return;
  const box = document.getElementById(button.dataset.for);
  if (!box) return;
  box.value = button.dataset.value;
  const list = document.getElementById(`${box.id}_suggestions`);
  if (list) list.replaceChildren();
  box.dispatchEvent(new Event("change", { bubbles: true }));
  box.focus();
});

document.addEventListener(
  "change",
  (event) => {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement)) return;
    const field = select.closest(".place-field");
    if (!field) return;
    const box = field.querySelector("input[type=text]");
    if (!box || !box.value) return;
    box.value = "";
    const list = document.getElementById(`${box.id}_suggestions`);
    if (list) list.replaceChildren();
  },
  true,
);
