// Records script errors in the data-errors attribute of the root element so a headless browser test can see them.
window.__vigilErrors = [];
window.__vigilError = function (msg) {
  window.__vigilErrors.push(String(msg));
  document.documentElement.setAttribute('data-errors', window.__vigilErrors.join(' | '));
};
window.onerror = function (msg, src, line, col) { window.__vigilError(msg + ' (line ' + line + ':' + col + ')'); };
window.addEventListener('unhandledrejection', function (e) { window.__vigilError('unhandled rejection: ' + e.reason); });
