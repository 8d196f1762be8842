/* Check-in: scan a ticket's QR code with the phone's camera, where the browser can read
   QR codes itself (BarcodeDetector, e.g. Chrome on Android; needs HTTPS). Elsewhere the
   page works as it is: type the code, or use a scanner that types it. */
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  var input = document.getElementById("checkin-code");
  var button = document.getElementById("checkin-scan");
  var video = document.getElementById("checkin-video");
  if (!form || !input || !button || !video || !("BarcodeDetector" in window) ||
      !navigator.mediaDevices || !window.isSecureContext) {
    return;
  }
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  var stream = null;

  function stop() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    video.hidden = true;
  }

  function look() {
    if (!stream) { return; }
    detector.detect(video).then(function (codes) {
      if (codes.length) {
        input.value = codes[0].rawValue;
        stop();
        form.submit();
      } else {
        window.requestAnimationFrame(look);
      }
    }).catch(function () { window.requestAnimationFrame(look); });
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    if (stream) { stop(); return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        return video.play();
      })
      .then(look)
      .catch(stop);
  });
}());
