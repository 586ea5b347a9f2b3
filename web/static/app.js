// app.js: small enhancements; every page works without it.
"use strict";
(function () {
	// Ask before a form that removes or revokes something is sent.
	document.addEventListener("submit", function (e) {
		var msg = e.target.getAttribute("data-confirm");
		if (msg && !window.confirm(msg))
			e.preventDefault();
	});
	// Bring the summary of a form's problems into view and focus.
	var problems = document.getElementById("problems");
	if (problems)
		problems.focus();
})();
