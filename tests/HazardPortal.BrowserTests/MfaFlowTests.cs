using HazardPortal.Tests;
using System.Net.Http.Json;
using HazardPortal.Core.Identity;
using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>
/// Multi-factor sign-in in the browser (issue #19, item 11): with the policy on for administrators, the system
/// administrator's next sign-in sets up an authenticator from a QR code, is shown the recovery codes once, and from
/// then on signs in with the authenticator's code. Its own portal (the policy stays on for this class only).
/// </summary>
public class MfaFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_administrator_sets_up_an_authenticator_at_sign_in_and_then_signs_in_with_its_code()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var secadmin = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
        {
            var token = await (await secadmin.PostAsJsonAsync("/api/v1/auth/token", new { userName = "secadmin", password = PortalApp.DemoPassword }, ct))
                .Content.ReadFromJsonAsync<PortalApp.TokenResponse>(ct);
            secadmin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
            var policy = await secadmin.GetFromJsonAsync<Dictionary<string, object?>>("/api/v1/security/policy", ct);
            policy!["requireMfaForAdministrators"] = true;
            (await secadmin.PutAsJsonAsync("/api/v1/security/policy", policy, ct)).EnsureSuccessStatusCode();
        }

        var page = await app.NewPageAsync(phone: true);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", PortalApp.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/account/mfa/enrol", StringComparison.Ordinal));
        await Expect(page.GetByTestId("mfa-qr")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "80-mfa-enrol-phone");
        var secret = (await page.GetByTestId("mfa-secret").TextContentAsync())!.Trim();

        await page.GetByTestId("mfa-code").FillAsync("000000");
        await page.GetByTestId("mfa-submit").ClickAsync();
        await Expect(page.GetByTestId("mfa-error")).ToBeVisibleAsync();
        await page.GetByTestId("mfa-code").FillAsync(Mfa.Code(secret, DateTimeOffset.UtcNow));
        await page.GetByTestId("mfa-submit").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await BrowserApp.ScreenshotAsync(page, "81-mfa-recovery-codes");
        await page.GetByTestId("mfa-continue").ClickAsync();
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("header-user")).ToContainTextAsync("系统管理员");

        // Signed out, the next sign-in asks for the authenticator's code.
        await page.GetByTestId("logout").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", PortalApp.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/account/login/mfa", StringComparison.Ordinal));
        await BrowserApp.ScreenshotAsync(page, "82-mfa-code-phone");
        await page.GetByTestId("mfa-code").FillAsync(Mfa.Code(secret, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByTestId("mfa-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("header-user")).ToContainTextAsync("系统管理员");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
