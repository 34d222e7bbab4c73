// A probe child that never answers, as a wedged GPU driver would.
setInterval(() => {}, 1_000);
