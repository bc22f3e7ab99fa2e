// A support center in three languages in a real browser: the language
// switcher, an article shown untranslated with its notice, and search in
// Chinese (character pairs) and Russian (stemmed), each in its own index;
// axe-core on the translated pages at phone and desktop widths.
// Run: node --test tests/browser/   (screenshots go to test-artifacts/screenshots/)
import test from "node:test";
import assert from "node:assert";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { binary, serveStatic, launch, open, axe, screenshot } from "./harness.mjs";

const FILES = {
  "helpsite.yaml": "title: Help Center\nbase_url: http://127.0.0.1/\nlanguage: en\nlanguages:\n  ru:\n    title: Центр помощи\n  zh:\n    title: 帮助中心\n    fallback: true\n",
  "content/_index.md": "---\ntitle: Help Center\n---\nAnswers about your account and billing.\n",
  "content/_index.ru.md": "---\ntitle: Центр помощи\n---\nОтветы об учётной записи и оплате.\n",
  "content/_index.zh.md": "---\ntitle: 帮助中心\n---\n关于账户和付款的解答。\n",
  "content/account/password.md": "---\ntitle: Reset your password\ndescription: Get a reset link by email.\n---\nOpen the sign-in page and click **Forgot password**. The link in the email works for 24 hours.\n",
  "content/account/password.ru.md": "---\ntitle: Сброс пароля\ndescription: Ссылка для сброса приходит на почту.\n---\nОткройте страницу входа и нажмите **Забыли пароль**. Ссылка в письме действует 24 часа.\n",
  "content/account/password.zh.md": "---\ntitle: 重置密码\ndescription: 通过电子邮件获取重置链接。\n---\n打开登录页面，点击**忘记密码**。邮件中的链接在二十四小时内有效。\n",
  "content/billing/refunds.md": "---\ntitle: Refunds\ndescription: How refunds work.\n---\nWe refund within 30 days of the purchase.\n",
};

let site, server, base, browser;
test.before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpsite-languages-"));
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  site = path.join(dir, "public");
  execFileSync(binary(), ["build", "--site", dir], { stdio: "pipe" });
  server = await serveStatic(site);
  base = `http://127.0.0.1:${server.port}`;
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  server?.server.close();
});

for (const [name, url] of [["zh-fallback", "/zh/billing/refunds/"], ["ru-article", "/ru/account/password/"], ["zh-home", "/zh/"]]) {
  test(`${name}: clean on desktop and phone, no accessibility violations`, async () => {
    for (const [device, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 375, height: 740 }]]) {
      const context = await browser.newContext({ viewport });
      const { page, problems } = await open(context, base + url);
      assert.deepStrictEqual(problems, [], `${name} ${device}`);
      // The switcher open too, so axe sees its list.
      await page.click(".language-menu summary");
      assert.deepStrictEqual(await axe(page), [], `${name} ${device}: axe`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at ${viewport.width}px`);
      await screenshot(page, `languages-${name}-${device}`);
      await context.close();
    }
  });
}

test("an article not translated says so, in the page's language, and leads to its original", async () => {
  const context = await browser.newContext();
  const { page } = await open(context, base + "/zh/billing/refunds/");
  assert.strictEqual(await page.getAttribute("html", "lang"), "zh");
  assert.ok(await page.isVisible(".untranslated-notice"));
  assert.match(await page.textContent(".untranslated-notice"), /本文尚未翻译成中文/);
  assert.strictEqual(await page.getAttribute(".prose", "lang"), "en");
  assert.strictEqual(await page.getAttribute("link[rel=canonical]", "href"), "http://127.0.0.1/billing/refunds/");
  await page.click(".language-menu summary");
  await page.click(".language-list a[hreflang=en]");
  await page.waitForURL(base + "/billing/refunds/");
  // Russian has no such page: the switcher leads to its home.
  await page.click(".language-menu summary");
  assert.strictEqual(await page.getAttribute(".language-list a[hreflang=ru]", "href"), "/ru/");
  await context.close();
});

test("each language searches its own index: Chinese by character pairs, Russian stemmed", async () => {
  const context = await browser.newContext();
  const { page, problems } = await open(context, base + "/zh/");
  await page.fill("#site-search", "密码");
  await page.waitForSelector("#site-search-results [role=option]");
  assert.match(await page.textContent("#site-search-results"), /重置密码/);
  const zh = await open(context, base + "/zh/search/?q=" + encodeURIComponent("忘记密码"));
  await zh.page.waitForSelector(".search-hit");
  assert.match(await zh.page.textContent(".search-hit h2"), /重置密码/);
  assert.match(await zh.page.textContent("[data-search-status]"), /找到 \d+ 篇文章/);
  const ru = await open(context, base + "/ru/search/?q=" + encodeURIComponent("пароли"));
  await ru.page.waitForSelector(".search-hit");
  assert.match(await ru.page.textContent(".search-hit h2"), /Сброс пароля/);
  // The English index knows nothing of the Russian page.
  const en = await open(context, base + "/search/?q=" + encodeURIComponent("пароли"));
  await en.page.waitForFunction(() => /No articles match/.test(document.querySelector("[data-search-status]").textContent));
  assert.deepStrictEqual(problems, []);
  await context.close();
});
