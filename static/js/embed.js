// Click-to-load video players. Without this file each video is a plain link
// to its host; with it, the link becomes a button that inserts the player.
// Nothing is requested from the video host before the reader clicks.
(function () {
  "use strict";
  var ALLOWED = ["https://www.youtube-nocookie.com/", "https://player.vimeo.com/"];

  function allowed(url) {
    return ALLOWED.some(function (prefix) { return url.indexOf(prefix) === 0; });
  }

  function load(figure) {
    var src = figure.getAttribute("data-video-player") || "";
    if (!allowed(src)) { return; }
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = figure.getAttribute("data-video-title") || "";
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "block-video__frame";
    var placeholder = figure.querySelector(".block-video__placeholder");
    placeholder.replaceWith(frame);
    frame.focus();
  }

  document.querySelectorAll("figure[data-video-player]").forEach(function (figure) {
    var link = figure.querySelector(".block-video__link");
    if (!link) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button block-video__play";
    button.textContent = link.getAttribute("data-play-label") || link.textContent;
    button.addEventListener("click", function () { load(figure); });
    // Keep the plain link next to the button for readers who prefer the host's page.
    link.classList.remove("button");
    link.classList.add("block-video__external");
    link.parentNode.insertBefore(button, link);
  });
})();
