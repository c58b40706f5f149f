import { ACCOUNTS, contextAs, expect, login, openPlan, planIds, screenshot, test } from './support.ts';

test.describe('login and the plan list', () => {
  test('the login page is in Vietnamese with labelled fields', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/dang-nhap$/);
    await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
    await expect(page.getByLabel('Tên đăng nhập')).toBeFocused();
    await expect(page.getByLabel('Mật khẩu')).toHaveAttribute('type', 'password');
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await screenshot(page, 'login', testInfo);
  });

  test('a wrong password shows the Vietnamese error and keeps the person on the login page', async ({ page }, testInfo) => {
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(ACCOUNTS.kinhte.username);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau-roi');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    await expect(page).toHaveURL(/\/dang-nhap$/);
    await expect(page.getByLabel('Mật khẩu')).toHaveValue('');
    await screenshot(page, 'login-error', testInfo);
  });

  test('too many failed logins: the form says to wait, in Vietnamese', async ({ page }) => {
    // An account name nobody has, so no real account is locked (the address allows 4× more failures).
    const username = 'khach-thu-sai';
    for (let i = 0; i < 5; i++) {
      const res = await page.request.post('/api/auth/login', { data: { username, password: 'sai-mat-khau' } });
      expect(res.status()).toBe(401);
    }
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert')).toHaveText(/^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/);
  });

  test('an empty form is answered without asking the server', async ({ page }) => {
    await page.goto('/dang-nhap');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert')).toHaveText('Vui lòng nhập tên đăng nhập và mật khẩu.');
  });

  test('the plan list shows commune, year, tables and my role; logout ends the session', async ({ page }, testInfo) => {
    await login(page, 'kinhte');
    await expect(page.getByRole('heading', { name: 'Kế hoạch chuyển đổi số' })).toBeVisible();
    const rows = page.locator('.plan-table tbody tr');
    // main, scale and pristine (global-setup.ts), each once; other specs may add plans (next-year.spec.ts
    // makes a 2027 one), so these three are looked for, not counted. main is the one its link leads to.
    const { main: mainId, scale, pristine } = planIds();
    for (const id of [mainId, scale, pristine]) await expect(rows.filter({ has: page.locator(`a[href="/ke-hoach/${id}"]`) })).toHaveCount(1);
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    const main = rows.filter({ has: page.locator(`a[href="/ke-hoach/${planIds().main}"]`) });
    await expect(main).toContainText('Tân Thạnh');
    await expect(main).toContainText('2026');
    await expect(main).toContainText('Biên tập');
    await expect(main).toContainText('Phòng Kinh tế');
    await expect(main.getByRole('link')).toHaveAttribute('href', `/ke-hoach/${planIds().main}`);
    await screenshot(page, 'plan-list', testInfo);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/dang-nhap$/);
    // The session is over on the server too: the plan list sends us back to login.
    await page.goto('/ke-hoach');
    await expect(page).toHaveURL(/\/dang-nhap\?tiep=%2Fke-hoach$/);
    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(401);
  });

  test('a deep link survives the login page', async ({ page }) => {
    const { main } = planIds();
    await page.goto(`/ke-hoach/${main}`);
    await expect(page).toHaveURL(new RegExp(`/dang-nhap\\?tiep=%2Fke-hoach%2F${main}$`));
    await page.getByLabel('Tên đăng nhập').fill(ACCOUNTS.lanhdao.username);
    await page.getByLabel('Mật khẩu').fill(ACCOUNTS.lanhdao.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page).toHaveURL(new RegExp(`/ke-hoach/${main}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Tân Thạnh');
  });

  test('English can be chosen and is remembered', async ({ page }) => {
    await page.goto('/dang-nhap');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByLabel('Username')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect(page.getByLabel('Tên đăng nhập')).toBeVisible();
  });

  test('a session that ends while the plan is open leads back to login, then to the plan again', async ({ browser }) => {
    const { main } = planIds();
    const { context, page } = await contextAs(browser, 'vanphong');
    try {
      await openPlan(page, main);
      // Signed out elsewhere (same cookie): the server closes the sync connection with 4401
      // when it next checks the session.
      await page.request.post('/api/auth/logout');
      await expect(page).toHaveURL(new RegExp(`/dang-nhap\\?tiep=%2Fke-hoach%2F${main}$`), { timeout: 30_000 });
      await expect(page.getByText('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.')).toBeVisible();
      await page.getByLabel('Tên đăng nhập').fill(ACCOUNTS.vanphong.username);
      await page.getByLabel('Mật khẩu').fill(ACCOUNTS.vanphong.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page).toHaveURL(new RegExp(`/ke-hoach/${main}$`));
      await expect(page.getByTestId('save-state')).toHaveText('Đã lưu');
    } finally {
      await context.close();
    }
  });
});
