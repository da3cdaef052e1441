// The desk's only script besides htmx. Everything works without it; it adds keyboard speed.
// Ctrl+Enter (or Cmd+Enter) in a text box submits its form, as in a chat or a spreadsheet.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) {
    return;
  }
  var field = event.target;
  if (field && field.form && (field.tagName === "TEXTAREA" || field.tagName === "INPUT")) {
    event.preventDefault();
    field.form.requestSubmit();
  }
});
