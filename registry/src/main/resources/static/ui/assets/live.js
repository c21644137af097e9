// Shows new registry events as they happen (Server-Sent Events from /events/stream).
// While nothing serves the stream yet, says so instead of retrying forever.
(function () {
  var status = document.getElementById('live-status');
  var list = document.getElementById('live-events');
  if (!status || !list) {
    return;
  }
  if (typeof EventSource !== 'function') {
    status.textContent = 'This browser cannot show live events.';
    return;
  }
  var opened = false;
  var source = new EventSource(status.getAttribute('data-stream'));
  function show(event) {
    var data = {};
    try { data = JSON.parse(event.data); } catch (e) { data = { type: event.type, text: event.data }; }
    var item = document.createElement('li');
    var type = document.createElement('code');
    type.textContent = data.type || event.type;
    item.appendChild(type);
    var text = ' ' + [data.application, data.version].filter(Boolean).join(' ');
    if (data.createdAt) { text += ' · ' + data.createdAt; }
    item.appendChild(document.createTextNode(text));
    list.insertBefore(item, list.firstChild);
    while (list.children.length > 100) { list.removeChild(list.lastChild); }
  }
  source.onopen = function () {
    opened = true;
    status.textContent = 'Live: new events appear here as they happen.';
  };
  source.onmessage = show;
  ['contract.published', 'pact.published', 'verification.published', 'deployment.recorded',
   'release.recorded', 'deployment.ended', 'release.support-ended', 'compatibility.checked'].forEach(function (type) {
    source.addEventListener(type, show);
  });
  source.onerror = function () {
    if (source.readyState === EventSource.CLOSED || !opened) {
      source.close();
      status.textContent = 'Live events are not available: nothing has been recorded yet.';
    } else {
      status.textContent = 'Reconnecting to the event stream…';
    }
  };
})();
