// survey.js: the survey keeps its answers on this phone as they are given
// and sends them when there is a connection, trying again until they are
// received. The page works without it (page_survey.c): the plain form is
// sent as usual when this script does not run. ES5 only, for old phones.
(function () {
	"use strict";

	var PREFIX = "waymark-survey:";
	var WAITS = [5, 15, 30, 60, 120, 300];	// seconds between retries
	var MONTHS = ["January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"];
	var OFFLINE = "No connection \u2014 your answers are kept on this phone; " +
		"we will send them when you are back online.";
	var BUSY = "The server could not take your answers just now. They are " +
		"kept on this phone; we will try again in a moment.";

	function byId(id) { return document.getElementById(id); }
	function show(el) { if (el) el.removeAttribute("hidden"); }
	function hide(el) { if (el) el.setAttribute("hidden", ""); }
	function pad(n) { return (n < 10 ? "0" : "") + n; }
	function clock(d) { return pad(d.getHours()) + ":" + pad(d.getMinutes()); }
	function when(d) {
		return d.getDate() + " " + MONTHS[d.getMonth()] + " " +
			d.getFullYear() + " at " + clock(d);
	}
	function capital(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
	function setText(el, text) {
		while (el.firstChild)
			el.removeChild(el.firstChild);
		if (text)
			el.appendChild(document.createTextNode(text));
	}

	// --- keeping answers on the phone (storage may be missing or full) ---

	var store = (function () {
		try {
			var s = window.localStorage, k = PREFIX + "test";
			s.setItem(k, "1");
			s.removeItem(k);
			return s;
		} catch (e) {
			return null;
		}
	})();

	function load(key) {
		var v = null;
		if (!store || !key)
			return null;
		try {
			v = JSON.parse(store.getItem(PREFIX + key) || "null");
		} catch (e) {
			v = null;
		}
		return v && typeof v === "object" ? v : null;
	}
	function save(key, v) {
		if (!store || !key)
			return false;
		try {
			store.setItem(PREFIX + key, JSON.stringify(v));
			return true;
		} catch (e) {
			return false;
		}
	}
	function forget(key) {
		if (!store || !key)
			return;
		try {
			store.removeItem(PREFIX + key);
		} catch (e) { /* nothing to do */ }
	}

	function validId(s) {
		return typeof s === "string" && /^[A-Za-z0-9_-]{1,100}$/.test(s);
	}
	// 256 random bits as 43 URL-safe characters, or the server's id.
	function newClientId(fallback) {
		var c = window.crypto || window.msCrypto, abc =
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		var b, s = "", i;
		if (!c || !c.getRandomValues || !window.Uint8Array)
			return fallback;
		b = new Uint8Array(43);
		c.getRandomValues(b);
		for (i = 0; i < b.length; i++)
			s += abc.charAt(b[i] & 63);
		return s;
	}

	// --- talking to the server ---

	// POST body as JSON; done(status, data): status 0 when nothing came back.
	function post(url, body, done) {
		var x, finished = false;
		function end(status, data) {
			if (finished)
				return;
			finished = true;
			done(status, data);
		}
		try {
			x = new XMLHttpRequest();
			x.open("POST", url, true);
			x.setRequestHeader("Content-Type", "application/json");
			x.setRequestHeader("Accept", "application/json");
		} catch (e) {
			end(0, null);
			return;
		}
		try {
			x.timeout = 30000;
		} catch (e) { /* an old browser: its own timeout applies */ }
		x.onreadystatechange = function () {
			var data = null;
			if (x.readyState !== 4)
				return;
			try {
				data = JSON.parse(x.responseText);
			} catch (e) {
				data = null;
			}
			end(x.status, data);
		};
		x.ontimeout = function () { end(0, null); };
		x.onerror = function () { end(0, null); };
		try {
			x.send(JSON.stringify(body));
		} catch (e) {
			end(0, null);
		}
	}

	function message(data, fallback) {
		if (data && data.error && typeof data.error.message === "string")
			return capital(data.error.message) + ".";
		return fallback;
	}

	// A notice in box: kind is "ok", "error" or "info".
	function say(box, kind, text) {
		var div, p;
		if (!box)
			return;
		setText(box, "");
		if (!text)
			return;
		div = document.createElement("div");
		p = document.createElement("p");
		div.className = "notice notice-" + kind;
		p.appendChild(document.createTextNode(text));
		div.appendChild(p);
		box.appendChild(div);
	}

	// --- the survey form ---

	function survey(form) {
		var key = form.getAttribute("data-key");
		var api = form.getAttribute("data-api");
		var idField = byId("survey-client-id");
		var status = byId("survey-status");
		var savedNote = byId("survey-saved");
		var submit = byId("survey-submit");
		var retry = byId("survey-retry");
		var sending = false, timer = null, attempt = 0, typing = null;
		var state = load(key);

		if (!state || !validId(state.client_id))
			state = { client_id: newClientId(idField.value) };
		if (!state.answers || typeof state.answers !== "object")
			state.answers = {};
		idField.value = state.client_id;

		function eachInput(fn) {
			var i, el;
			for (i = 0; i < form.elements.length; i++) {
				el = form.elements[i];
				if (el.name)
					fn(el);
			}
		}
		// the checked answer's label stands out where :has() is unknown
		function markChecked() {
			eachInput(function (el) {
				var label = el.parentNode;
				if (el.type !== "radio" || !label || label.tagName !== "LABEL")
					return;
				label.className = label.className.replace(/\s*\bis-checked\b/g,
					"") + (el.checked ? " is-checked" : "");
			});
		}
		function count(o) {
			var n = 0, k;
			for (k in o)
				if (Object.prototype.hasOwnProperty.call(o, k))
					n++;
			return n;
		}
		function restore() {
			var given = false;
			eachInput(function (el) {
				if (el.type === "radio" && el.checked)
					given = true;
			});
			if (given)	// the server showed the form again: it wins
				return;
			eachInput(function (el) {
				if (el.type === "radio" && state.answers[el.name] === el.value)
					el.checked = true;
				else if (el.tagName === "SELECT" && el.name === "group" &&
					 typeof state.group === "string" && state.group)
					el.value = state.group;
				else if (el.tagName === "TEXTAREA" && el.name === "comment" &&
					 typeof state.comment === "string" && !el.value)
					el.value = state.comment;
			});
		}
		function capture() {
			var answers = {};
			state.group = "";
			state.comment = "";
			eachInput(function (el) {
				if (el.type === "radio" && el.checked)
					answers[el.name] = el.value;
				else if (el.tagName === "SELECT" && el.name === "group")
					state.group = el.value;
				else if (el.tagName === "TEXTAREA" && el.name === "comment")
					state.comment = el.value;
			});
			state.answers = answers;
		}
		function remember() {
			capture();
			if (save(key, state) && savedNote) {
				setText(savedNote, "Saved on this phone at " +
					clock(new Date()) + ".");
				show(savedNote);
			}
		}

		function schedule() {
			var wait = WAITS[Math.min(attempt, WAITS.length - 1)];
			attempt++;
			clearTimeout(timer);
			timer = setTimeout(send, wait * 1000);
		}
		function confirmed() {
			var done = document.createElement("div");
			var h = document.createElement("h2");
			var p = document.createElement("p");

			forget(key);
			clearTimeout(timer);
			done.id = "survey-done";
			done.className = "survey-done";
			done.setAttribute("tabindex", "-1");
			setText(h, "Thank you");
			done.appendChild(h);
			// the status region stays, so that the news is announced;
			// a retry after a lost reply is the same news to the person
			done.appendChild(status);
			say(status, "ok", "Your answers were received on " +
				when(new Date()) + ".");
			setText(p, "You can close this page now.");
			done.appendChild(p);
			form.parentNode.replaceChild(done, form);
			done.focus();
		}
		function refused(code, data) {
			var err = data && data.error ? data.error : {};
			state.pending = false;
			hide(retry);
			if (code === 409 || code === 404) {
				forget(key);	// this link takes no more answers
			} else {
				if (err.code === "bad_client_id") {
					state.client_id = newClientId(idField.value);
					idField.value = state.client_id;
				}
				save(key, state);
			}
			say(status, "error", message(data, "Your answers could not be " +
				"sent (error " + code + "). They are kept on this phone."));
		}
		function failed(code) {
			state.pending = true;
			save(key, state);
			say(status, "error", code === 0 ? OFFLINE : BUSY);
			show(retry);
			schedule();
		}
		function send() {
			var body;
			if (sending || !state.pending)
				return;
			clearTimeout(timer);
			sending = true;
			submit.disabled = true;
			say(status, "info", "Sending your answers\u2026");
			body = { client_id: state.client_id, answers: state.answers };
			if (state.group)
				body.group = state.group;
			if (state.comment && /\S/.test(state.comment))
				body.comment = state.comment;
			post(api, body, function (code, data) {
				sending = false;
				submit.disabled = false;
				if (code === 201 || code === 200)
					confirmed();
				else if (code === 0 || code === 408 || code === 429 ||
					 code >= 500)
					failed(code);
				else
					refused(code, data);
			});
		}

		form.addEventListener("change", function () {
			markChecked();
			remember();
		});
		form.addEventListener("input", function (e) {
			if (!e.target || e.target.tagName !== "TEXTAREA")
				return;
			clearTimeout(typing);
			typing = setTimeout(remember, 400);
		});
		form.addEventListener("submit", function (e) {
			var group = form.elements.group;
			e.preventDefault();
			capture();
			if (group && group.tagName === "SELECT" && !group.value) {
				say(status, "error", "Please choose your group at the top " +
					"of the survey.");
				group.focus();
				return;
			}
			if (!count(state.answers)) {
				say(status, "error", "Please answer at least one statement " +
					"before sending (choosing \u201cDon't know\u201d counts).");
				return;
			}
			state.pending = true;
			attempt = 0;
			save(key, state);
			send();
		});
		retry.addEventListener("click", function () {
			attempt = 0;
			send();
		});
		window.addEventListener("online", function () {
			attempt = 0;
			send();
		});

		restore();
		markChecked();
		if (savedNote && !store) {
			setText(savedNote, "This phone cannot keep your answers: please " +
				"send them before you close this page.");
			show(savedNote);
		}
		if (state.pending) {
			say(status, "info", "Your answers are kept on this phone and " +
				"have not been sent yet.");
			show(retry);
			if (navigator.onLine !== false)
				send();
		}
	}

	// A personal link already used: answers kept here may be those that
	// arrived while the phone lost the reply; ask, with the same client id.
	function checkUsed(page) {
		var key = page.getAttribute("data-key");
		var state = load(key), status = byId("survey-status");
		function ask() {
			post(page.getAttribute("data-api"), {
				client_id: state.client_id, answers: state.answers || {},
				group: state.group || null
			}, function (code) {
				if (code === 200 || code === 201) {
					forget(key);
					say(status, "ok", "Your answers were received. Thank you.");
				} else if (code === 0 || code >= 500) {
					say(status, "error", "No connection: your answers are " +
						"kept on this phone until we can check that they " +
						"arrived.");
				} else {
					forget(key);
				}
			});
		}
		if (!state || !state.pending || !validId(state.client_id))
			return;
		window.addEventListener("online", ask);
		ask();
	}

	var form = byId("survey-form"), used = byId("survey-used");
	var done = byId("survey-done"), intro = byId("survey-saved-intro");

	if (done)	// the plain form's confirmation: nothing is left to send
		forget(done.getAttribute("data-key"));
	if (used)
		checkUsed(used);
	if (form && form.getAttribute("data-api") && byId("survey-client-id")) {
		if (intro && store) {
			setText(intro, "Your answers are saved on this phone as you go, " +
				"so you can close this page and come back to it later.");
			show(intro);
		}
		survey(form);
	}
})();
