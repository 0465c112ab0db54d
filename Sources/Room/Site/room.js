// pit's room page, live: the facilitator's moves arrive over a WebSocket, and a score is
// sent without leaving the page. Everything also works without this file (plain forms).
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !document.querySelector("form[action='/leave']")) { return; }

  // Live changes are read out from this one line, kept outside the part that is replaced
  // (the notices, the step and its state), rather than the whole page at every change.
  var announcer = document.createElement("p");
  announcer.id = "announce";
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  document.body.appendChild(announcer);

  function announce() {
    var parts = [];
    main.querySelectorAll(".notice, h1, .state").forEach(function (el) {
      if (el.textContent.trim()) { parts.push(el.textContent.trim()); }
    });
    var text = parts.join(". ");
    if (announcer.textContent !== text) { announcer.textContent = text; }
  }

  // The control with the keyboard focus, described so its twin in a new page can be found.
  function focused() {
    var el = document.activeElement;
    if (!el || el === main || !main.contains(el)) { return null; }
    var form = el.closest("form");
    return { tag: el.tagName, action: form ? form.getAttribute("action") : null,
             name: el.getAttribute("name"), value: el.getAttribute("value") };
  }

  // Puts the focus back on the same control, so a keyboard user is not sent to the top of
  // the page by every live update; on the page itself when that control is gone or disabled.
  function refocus(was) {
    if (!was) { return; }
    var all = main.querySelectorAll(was.tag);
    for (var i = 0; i < all.length; i++) {
      var form = all[i].closest("form");
      if ((form ? form.getAttribute("action") : null) === was.action && all[i].getAttribute("name") === was.name
          && all[i].getAttribute("value") === was.value) {
        all[i].focus({ preventScroll: true });
        if (document.activeElement === all[i]) { return; }
      }
    }
    main.setAttribute("tabindex", "-1");
    main.focus({ preventScroll: true });
  }

  function replace(html) {
    // The server escapes every piece of text it puts in this fragment.
    if (!html) { return; }
    var was = focused();
    main.innerHTML = html;
    showUnsaved();
    refocus(was);
    announce();
    // The tab names what the page shows (the server gives the words).
    var titled = main.querySelector("[data-title]");
    if (titled) { document.title = titled.getAttribute("data-title"); }
  }

  function showOffline() {
    if (document.getElementById("offline")) { return; }
    var notice = document.createElement("p");
    notice.id = "offline";
    notice.className = "notice error";
    notice.textContent = "Lost touch with the room; trying again. Your last saved score is kept.";
    main.insertBefore(notice, main.firstChild);
    announce();
  }

  function connect(delay) {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/live");
    socket.onmessage = function (event) { replace(event.data); delay = 1000; };
    socket.onclose = function () {
      // The room's last message said it closed: nothing to try again.
      if (document.getElementById("room-closed")) { return; }
      // No longer in the room (released by the facilitator, or the room restarted): the
      // device page sends it to the code form, which says which; otherwise try again,
      // more slowly each time.
      fetch("/device", { credentials: "same-origin" }).then(function (r) {
        if (r.redirected) {
          location.href = r.url;
        } else {
          setTimeout(function () { connect(Math.min(delay * 2, 15000)); }, delay);
        }
      }).catch(function () {
        showOffline();
        setTimeout(function () { connect(Math.min(delay * 2, 15000)); }, delay);
      });
    };
  }

  // A score the room did not get: its notice stays through live updates of the same
  // step until the group's answer is that score, or the step changes.
  var unsaved = null;

  function showUnsaved() {
    if (!unsaved) { return; }
    var element = main.querySelector("input[name='element']");
    var chosen = main.querySelector("button.level.chosen");
    if (!element || element.value !== unsaved.element || (chosen && chosen.value === unsaved.answer)) {
      unsaved = null;
      return;
    }
    var notice = document.getElementById("unsaved") || document.createElement("p");
    notice.id = "unsaved";
    notice.className = "notice error";
    notice.textContent = unsaved.text;
    var form = main.querySelector("form.levels");
    if (notice.parentNode !== main) { main.insertBefore(notice, form || main.firstChild); }
  }

  // The button tapped, for browsers whose submit event does not name it.
  var tapped = null;
  main.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[name='answer']") : null;
    if (button) { tapped = button; }
  });

  main.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.getAttribute("action") !== "/score") { return; }
    var button = event.submitter || tapped;
    var element = form.querySelector("input[name='element']");
    // Without the tapped button the browser's own post is the one that carries the answer.
    if (!button || button.getAttribute("name") !== "answer" || !element) { return; }
    event.preventDefault();
    var body = new URLSearchParams();
    body.append("element", element.value);
    body.append("answer", button.value);
    var label = button.querySelector(".n") || button.querySelector(".label");
    fetch("/score", {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (r) {
      return r.json().catch(function () { throw new Error("unreadable"); });
    }).then(function (reply) {
      unsaved = null;
      if (!reply.html) { location.href = "/device"; return; }
      replace(reply.html);
    }).catch(function () {
      // The page stays: leaving it would lose the step, and a retry is one tap.
      unsaved = { element: element.value, answer: button.value,
                  text: "Not saved: the room could not be reached when you tapped " + (label ? label.textContent : "your score")
                    + ". Tap it again when the room is back." };
      showUnsaved();
      announce();
    });
  });

  connect(1000);
}());
