// NHS.UK frontend styles its JavaScript components only when the body says JavaScript is running.
document.body.classList.add("js-enabled");
