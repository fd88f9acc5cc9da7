// After a submit brings a new result, move focus to its heading (tabindex="-1") and bring
// it into view, so the answer, or the list of what to fix, is what is read next. Results
// that follow typing leave the focus where the reader is typing.
document.addEventListener("htmx:afterSwap", (event) => {
  const detail = event.detail;
  // Out-of-band message slots are swapped too; only the result itself counts.
  if (event.target !== detail.target) return;
  const trigger = detail.requestConfig && detail.requestConfig.triggeringEvent;
  if (!trigger || trigger.type !== "submit") return;
  const heading = detail.target.querySelector("#result");
  if (!heading) return;
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: "start" });
});
