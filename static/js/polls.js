/* Progressive enhancement for poll boxes. Everything works without this file:
   the vote form lands on the voter's own (uncached) status page.

   The box in a post page is the same for every reader, so shared caches may keep
   the page. What this reader did (their answer, the results they may now see, the
   thank-you) comes from /polls/<id>/mine/, asked for only for polls this browser
   voted in, and after a vote sent from here. */
(function () {
  "use strict";
  if (window.stimmePolls) { return; }  // one script tag per poll box on the page
  window.stimmePolls = true;

  var REMEMBER_KEY = "stimme.polls.voted";
  var FRAGMENT_HEADER = "X-Poll-Fragment";

  function remembered() {
    try {
      var list = JSON.parse(window.localStorage.getItem(REMEMBER_KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return [];
    }
  }

  function remember(pollId) {
    var list = remembered().filter(function (id) { return id !== pollId; });
    list.push(pollId);
    try {
      window.localStorage.setItem(REMEMBER_KEY, JSON.stringify(list.slice(-100)));
    } catch (error) { /* storage off: the vote is just not shown next time */ }
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;  // our own server's HTML, escaped there
    return template.content.querySelector("section.poll");
  }

  function show(box, html, mineUrl) {
    var fresh = fragment(html);
    if (!fresh) { return; }
    fresh.setAttribute("data-poll-mine", mineUrl);
    box.replaceWith(fresh);
    enhance(fresh);
    if (fresh.querySelector(".poll__yours")) { remember(fresh.getAttribute("data-poll")); }
    var status = fresh.querySelector(".poll__status");
    if (status) { status.focus(); }
  }

  function answer(response) {
    if (!response.ok) { throw new Error(response.status); }
    return response.text();
  }

  function enhance(box) {
    var form = box.querySelector("form.poll__form");
    var mineUrl = box.getAttribute("data-poll-mine");
    if (!form || !mineUrl) { return; }
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) { return; }
      event.preventDefault();
      var headers = {};
      headers[FRAGMENT_HEADER] = "1";
      // The vote redirects to the voter's state; fetch keeps our header on the way.
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: headers
      }).then(answer).then(function (html) {
        show(box, html, mineUrl);
      }).catch(function () {
        form.submit();  // the page without JavaScript says what happened
      });
    });
  }

  function loadMine(box) {
    var headers = {};
    headers[FRAGMENT_HEADER] = "1";
    // Where a form in the answer returns to: this post.
    var next = encodeURIComponent(window.location.pathname + window.location.search);
    fetch(box.getAttribute("data-poll-mine") + "?next=" + next, {
      credentials: "same-origin",
      headers: headers
    }).then(answer).then(function (html) {
      show(box, html, box.getAttribute("data-poll-mine"));
    }).catch(function () { /* the box works without the reader's own state */ });
  }

  document.querySelectorAll("[data-remember-poll]").forEach(function (element) {
    if (element.querySelector(".poll__yours")) { remember(element.getAttribute("data-remember-poll")); }
  });

  var voted = remembered();
  document.querySelectorAll("section.poll[data-poll-mine]").forEach(function (box) {
    enhance(box);
    if (window.fetch && voted.indexOf(box.getAttribute("data-poll")) !== -1) { loadMine(box); }
  });
})();
