// A notice is marked read by a POST once its page is shown: the GET that shows it stores nothing.
document.querySelectorAll("form[data-mark-read]").forEach((form) => {
  fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
});
