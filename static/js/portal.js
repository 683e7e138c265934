// Behaviour that used to be inline event handlers (the Content-Security-Policy refuses them).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});
