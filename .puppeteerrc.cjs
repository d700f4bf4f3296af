// briefdeck never downloads a browser at install time: it finds a system
// Chrome/Chromium (or installs the OS package during set-up) instead.
/** @type {import("puppeteer").Configuration} */
module.exports = { skipDownload: true };
