using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Tenancy;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

public class SignInTests(SignInTests.App app) : IClassFixture<SignInTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task Me_describes_the_signed_in_user_as_the_contract_says()
    {
        using var client = await app.ClientForAsync("jx.yjj");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("jx.yjj", me.GetProperty("userName").GetString());
        Assert.Equal(["DepartmentInspector"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("进贤县应急管理局", me.GetProperty("unit").GetProperty("name").GetString());
        Assert.Equal("Department", me.GetProperty("unit").GetProperty("kind").GetString());
        Assert.Equal("360124000000", me.GetProperty("jurisdiction").GetProperty("code").GetString());
        Assert.Equal("County", me.GetProperty("jurisdiction").GetProperty("level").GetString());
        Assert.Contains("HAZCHEM", me.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_token_expires_in_an_hour()
    {
        using var client = app.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.office", password = PortalApp.DemoPassword });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task Wrong_credentials_get_401_with_a_Chinese_title()
    {
        using var client = app.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.office", password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("用户名或密码错误", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_thirty_minutes_and_the_security_admin_unlocks_it()
    {
        using var client = app.Anonymous();
        for (var i = 1; i <= 4; i++)
        {
            var failure = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.lidu", password = $"wrong{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        }

        var fifth = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.lidu", password = "wrong5" });
        Assert.Equal((HttpStatusCode)423, fifth.StatusCode);
        Assert.Contains("锁定", (await fifth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);

        var rightPassword = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.lidu", password = PortalApp.DemoPassword });
        Assert.Equal((HttpStatusCode)423, rightPassword.StatusCode);

        await using (var db = app.Db(AccessScope.ActorOnly("test")))
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "jx.lidu");
            Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
            await using var auditor = app.AuditDb();
            var actions = await auditor.AuditEntries.Where(a => a.Actor == "jx.lidu").Select(a => a.Action).ToListAsync();
            Assert.Equal(5, actions.Count(a => a == "sign-in.failed"));
            Assert.Contains("account.locked-out", actions);
            Assert.Contains("sign-in.refused-locked", actions);
        }

        using var secadmin = await app.ClientForAsync("secadmin");
        var id = await app.UserIdAsync("jx.lidu");
        Assert.Equal(HttpStatusCode.OK, (await secadmin.PostAsync($"/api/v1/security/users/{id}/unlock", null)).StatusCode);
        var afterUnlock = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.lidu", password = PortalApp.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, afterUnlock.StatusCode);
    }

    [Fact]
    public async Task A_successful_sign_in_resets_the_failure_count()
    {
        using var client = app.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.zjj", password = "wrong" });
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.zjj", password = PortalApp.DemoPassword })).StatusCode);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.zjj", password = "wrong" })).StatusCode);
        }
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_token_stops_working()
    {
        using var user = await app.ClientForAsync("hb.office");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/me")).StatusCode);
        using var admin = await app.ClientForAsync("admin");
        var id = await app.UserIdAsync("hb.office");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/admin/users/{id}/disabled", new { disabled = true })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/v1/me")).StatusCode);
        using var anonymous = app.Anonymous();
        var again = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "hb.office", password = PortalApp.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Contains("停用", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browser_form_signs_in_with_a_cookie_and_reports_errors_in_Chinese()
    {
        using var client = app.Anonymous();
        var page = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        var wrong = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "jx.minhe", ["password"] = "nope", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.Contains("error=Failed", wrong.Headers.Location!.ToString(), StringComparison.Ordinal);
        var errorPage = WebUtility.HtmlDecode(await client.GetStringAsync(wrong.Headers.Location));
        Assert.Contains("用户名或密码错误", errorPage, StringComparison.Ordinal);

        var right = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "jx.minhe", ["password"] = PortalApp.DemoPassword, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/enterprises",
        }));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/enterprises", right.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_form_post_without_the_antiforgery_token_signs_nobody_in()
    {
        using var client = app.Anonymous();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "jx.minhe", ["password"] = PortalApp.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=Expired", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains("登录页面已过期", WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_are_served()
    {
        using var anonymous = app.Anonymous();
        Assert.Equal("Healthy", await anonymous.GetStringAsync("/health"));
        var hidden = await anonymous.GetAsync("/openapi/v1.json"); // only for signed-in users (#19): a challenge, not the document
        Assert.Contains(hidden.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Found });
        Assert.DoesNotContain("/api/v1/", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var client = await app.ClientForAsync("jx.minhe");
        var openapi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/auth/token", paths);
        Assert.Contains("/api/v1/me", paths);
        Assert.Contains("/api/v1/enterprises/{id}", paths);
        Assert.Contains("/api/v1/jurisdictions/{code}/children", paths);

        // Each body its own named schema (#19, finding 10): the commands of different features do not share one.
        string Body(string path, string method) =>
            openapi.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content")
                .GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        string[] bodies =
        [
            Body("/api/v1/hazards", "post"), Body("/api/v1/inspections", "post"), Body("/api/v1/enforcement-actions", "post"),
            Body("/api/v1/risks", "post"), Body("/api/v1/problems", "post"), Body("/api/v1/flags/settings/{code}", "put"), Body("/api/v1/admin/enterprises", "post"),
        ];
        Assert.Equal(bodies.Length, bodies.Distinct().Count());
        Assert.Equal("#/components/schemas/RegisterHazardCommand", bodies[0]);
        var photo = openapi.GetProperty("paths").GetProperty("/api/v1/hazards/{id}/photos").GetProperty("post").GetProperty("responses");
        Assert.Contains("PhotoCreated", photo.GetRawText(), StringComparison.Ordinal);
    }
}

/// <summary>Accounts (issue #16 §7): a password set by an administrator is changed at the first sign-in; the sign-in warns before the lockout.</summary>
public class FirstSignInTests(FirstSignInTests.App app) : IClassFixture<FirstSignInTests.App>
{
    public sealed class App : PortalApp;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string page)
    {
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        fields["__RequestVerificationToken"] = PortalApp.FormToken(html);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_password_set_by_the_admin_is_changed_at_the_first_browser_sign_in()
    {
        using var admin = await app.ClientForAsync("admin");
        var unit = await app.UnitIdAsync("李渡镇人民政府");
        (await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = "lidu.first", displayName = "李渡镇 首次登录", password = "Admin#Set2023", unitId = unit })).EnsureSuccessStatusCode();

        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signedIn = await PostFormAsync(browser, "/account/login", new() { ["userName"] = "lidu.first", ["password"] = "Admin#Set2023", ["returnUrl"] = "/" }, "/account/login");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        var change = signedIn.Headers.Location!.ToString();
        Assert.StartsWith("/account/password?ticket=", change, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode); // not signed in yet
        var ticket = Uri.UnescapeDataString(change[(change.IndexOf('=') + 1)..]);

        // A mismatch and a weak password are refused with the reason; the right one signs in.
        var mismatch = await PostFormAsync(browser, "/account/password", new() { ["ticket"] = ticket, ["newPassword"] = "Mine#2023ab", ["confirm"] = "Mine#2023ac" }, change);
        Assert.Contains("error=Mismatch", mismatch.Headers.Location!.ToString(), StringComparison.Ordinal);
        var weak = await PostFormAsync(browser, "/account/password", new() { ["ticket"] = ticket, ["newPassword"] = "abc", ["confirm"] = "abc" }, change);
        Assert.Contains("error=Weak", weak.Headers.Location!.ToString(), StringComparison.Ordinal);
        var done = await PostFormAsync(browser, "/account/password", new() { ["ticket"] = ticket, ["newPassword"] = "Mine#2023ab", ["confirm"] = "Mine#2023ab" }, change);
        Assert.Equal("/", done.Headers.Location!.ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);

        // The ticket is spent (the stamp changed), the old password is gone, the new one signs in without a detour.
        var replay = await PostFormAsync(browser, "/account/password", new() { ["ticket"] = ticket, ["newPassword"] = "Other#2023ab", ["confirm"] = "Other#2023ab" }, change);
        Assert.Contains("/account/login", replay.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var token = await app.ClientForAsync("lidu.first", "Mine#2023ab");
        await using var audit = app.AuditDb();
        Assert.Contains(audit.AuditEntries.Where(a => a.Actor == "lidu.first").Select(a => a.Action), a => a == "account.password-changed");
    }

    [Fact]
    public async Task The_sign_in_warns_how_many_tries_are_left_for_real_and_unknown_names_alike()
    {
        using var anonymous = app.Anonymous();
        async Task<System.Text.Json.JsonElement> Wrong(string name) =>
            await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = "wrong#Pass1" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        foreach (var name in new[] { "jx.zjj", "no.such.user" })
        {
            var first = await Wrong(name);
            Assert.Equal(4, first.GetProperty("attemptsLeft").GetInt32());
            Assert.Contains("还可尝试4次", first.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Equal(3, (await Wrong(name)).GetProperty("attemptsLeft").GetInt32());
        }

        // The browser's sign-in page says it too.
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var failed = await PostFormAsync(browser, "/account/login", new() { ["userName"] = "jx.zjj", ["password"] = "wrong#Pass1", ["returnUrl"] = "/" }, "/account/login");
        var page = System.Net.WebUtility.HtmlDecode(await (await browser.GetAsync(failed.Headers.Location!.ToString())).Content.ReadAsStringAsync());
        Assert.Contains("还可尝试 2 次", page, StringComparison.Ordinal);

        // A success resets the count.
        using var ok = await app.ClientForAsync("jx.zjj");
        Assert.Equal(4, (await Wrong("jx.zjj")).GetProperty("attemptsLeft").GetInt32());
    }
}
