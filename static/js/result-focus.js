// The live result beside a form (the estimator, the pay check, the offer comparison).
// - After a submit brings a new result, move focus to its heading (tabindex="-1") and bring
//   it into view, so the answer, or the list of what to fix, is what is read next. Results
//   that follow typing leave the focus where the reader is typing.
// - A field asks for a result 400 ms after typing stops. If the reader pressed the button
//   in that pause, the form has already sent the same answers: the field's request is
//   dropped rather than sent again.
// - A result that replaces one the reader is looking at keeps its heading where it was on
//   the screen. (The browser would otherwise re-anchor the page to whatever lies below the
//   removed result, often the foot of the page.)
const lastSent = new WeakMap();
let heldTop = null;

const answers = (form) => new URLSearchParams(new FormData(form)).toString();

document.addEventListener("htmx:confirm", (event) => {
  const form = event.detail.elt.closest("form");
  if (!form || !form.hasAttribute("hx-sync")) return;
  const sent = answers(form);
  const trigger = event.detail.triggeringEvent;
  if (trigger && trigger.type !== "submit" && lastSent.get(form) === sent) {
    event.preventDefault();
    return;
  }
  lastSent.set(form, sent);
});

document.addEventListener("htmx:beforeSwap", (event) => {
  heldTop = null;
  const heading = event.detail.target.querySelector("#result");
  if (!heading) return;
  const top = heading.getBoundingClientRect().top;
  if (top >= 0 && top < window.innerHeight) heldTop = top;
});

document.addEventListener("htmx:afterSwap", (event) => {
  const detail = event.detail;
  // Out-of-band message slots are swapped too; only the result itself counts.
  if (event.target !== detail.target) return;
  const heading = detail.target.querySelector("#result");
  if (!heading) return;
  const trigger = detail.requestConfig && detail.requestConfig.triggeringEvent;
  if (trigger && trigger.type === "submit") {
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  } else if (heldTop !== null) {
    window.scrollBy(0, heading.getBoundingClientRect().top - heldTop);
  }
  heldTop = null;
});
