// Shows the times pages write in UTC (<time datetime="…">) in the browser's time zone, as
// "2026-12-02 15:02 GMT+1"; the UTC text the server wrote stays in the element's title.
(function () {
  function pad(number) {
    return (number < 10 ? '0' : '') + number;
  }
  function zoneName(date) {
    try {
      var parts = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(date);
      for (var i = 0; i < parts.length; i++) {
        if (parts[i].type === 'timeZoneName') {
          return parts[i].value;
        }
      }
    } catch (e) {
      // no Intl: the offset below
    }
    var offset = -date.getTimezoneOffset();
    return 'UTC' + (offset < 0 ? '-' : '+') + pad(Math.floor(Math.abs(offset) / 60)) + ':' + pad(Math.abs(offset) % 60);
  }
  function showLocal(element) {
    var date = new Date(element.getAttribute('datetime'));
    if (isNaN(date.getTime())) {
      return;
    }
    if (!element.title) {
      element.title = element.textContent;
    }
    element.textContent = date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' '
        + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ' ' + zoneName(date);
  }
  Array.prototype.forEach.call(document.querySelectorAll('time[datetime]'), showLocal);
})();
