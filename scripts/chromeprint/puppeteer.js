// puppeteer.js: the same measurement as chromeprint, through Puppeteer
// (the client issue 20 measured its warm-Chromium figure with), to check
// that chromeprint's Go CDP client is not what limits the peer:
//
//   npm install puppeteer-core   (once, in a scratch folder; not used by CI)
//   NODE_PATH=SCRATCH/node_modules node scripts/chromeprint/puppeteer.js \
//     /usr/bin/chromium-headless-shell 8 30 ../shared/corpus/web/*/expected.html
//
// Arguments: the Chromium binary, tabs printing at once, seconds. Prints
// the same STATS line as chromeprint. Chromium resolves no host but
// 127.0.0.1, as in chromeprint.
const puppeteer = require('puppeteer-core');

const [exe, tabs, secs, ...files] = process.argv.slice(2);
const url = (k) => 'file://' + require('path').resolve(files[k % files.length]);
const print = async (page, k) => {
  await page.goto(url(k));
  await page.pdf({format: 'A4', printBackground: true});
};

(async () => {
  const browser = await puppeteer.launch({
    executablePath: exe,
    headless: exe.endsWith('headless-shell') ? 'shell' : true,
    args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  const pages = [];
  for (let i = 0; i < +tabs; i++) {
    const page = await browser.newPage();
    await print(page, i); // warm: one print per tab first
    pages.push(page);
  }
  const latencies = [];
  const start = Date.now();
  const end = start + 1000 * +secs;
  await Promise.all(pages.map(async (page, i) => {
    for (let k = i; Date.now() < end; k += pages.length) {
      const t0 = Date.now();
      await print(page, k);
      latencies.push(Date.now() - t0);
    }
  }));
  const took = (Date.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.floor(p * (latencies.length - 1))];
  console.log(`STATS pages=${latencies.length} secs=${took.toFixed(2)} p50=${pct(0.5)} p99=${pct(0.99)} errors=0`);
  await browser.close();
})().catch((err) => { console.error('puppeteer.js:', err); process.exit(1); });
