// Shows an event's time in the reader's own time zone beside the organiser's, when they differ.
(function () {
  "use strict";
  var readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var format = new Intl.DateTimeFormat(undefined, {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
  });
  document.querySelectorAll(".local-time").forEach(function (element) {
    if (!readerZone || element.dataset.zone === readerZone) return;
    var start = new Date(element.dataset.start);
    var end = new Date(element.dataset.end);
    if (isNaN(start) || isNaN(end)) return;
    element.textContent = "; your time (" + readerZone + "): " + format.format(start) + " to " + format.format(end);
  });
})();
