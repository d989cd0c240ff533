// Small behaviours that need no inline script (the Content-Security-Policy forbids inline scripts).
document.addEventListener("DOMContentLoaded", () => {
  // Submit the language form as soon as a language is picked.
  document.querySelectorAll("[data-autosubmit]").forEach((element) => {
    element.addEventListener("change", () => element.form.submit());
  });
  setProgressWidths(document);
});
// Widths of progress bars come from data attributes, since inline styles are refused too.
function setProgressWidths(root) {
  root.querySelectorAll("[data-progress]").forEach((bar) => {
    bar.style.width = bar.dataset.progress + "%";
  });
}
// After an outerHTML swap the event names the element that was replaced, so look at the whole page.
document.addEventListener("htmx:afterSwap", () => setProgressWidths(document));
