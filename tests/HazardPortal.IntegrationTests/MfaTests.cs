using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Identity;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Multi-factor sign-in (issue #19, item 11): an account sets up an authenticator and then needs its code (or a
/// one-time recovery code) at the token endpoint; the SecurityAdmin's policy requires it for the three admin roles
/// and for 安委办 at county level and above; wrong codes count toward the lockout.
/// </summary>
public class MfaTests(MfaTests.App app) : IClassFixture<MfaTests.App>
{
    public sealed class App : PortalApp;

    private async Task<HttpResponseMessage> TokenAsync(string user, string? code = null)
    {
        using var anonymous = app.Anonymous();
        return await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = PortalApp.DemoPassword, code }, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_office_sets_up_an_authenticator_and_then_signs_in_with_its_code_or_a_recovery_code_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var office = await app.ClientForAsync("ck.office"))
        {
            var setup = await JsonAsync(await office.PostAsync("/api/v1/me/mfa/setup", null, ct));
            var secret = setup.GetProperty("secret").GetString()!;
            Assert.StartsWith("otpauth://totp/", setup.GetProperty("otpauthUri").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, (await office.PostAsJsonAsync("/api/v1/me/mfa/confirm", new { code = "000000" }, ct)).StatusCode);
            var confirmed = await office.PostAsJsonAsync("/api/v1/me/mfa/confirm", new { code = Mfa.Code(secret, DateTimeOffset.UtcNow) }, ct);
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            var codes = (await JsonAsync(confirmed)).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.Equal(10, codes.Count);

            // The password alone is no longer enough.
            var passwordOnly = await TokenAsync("ck.office");
            Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);
            Assert.True((await JsonAsync(passwordOnly)).GetProperty("mfaRequired").GetBoolean());

            // The authenticator's next code works (the one used to confirm cannot be replayed) …
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("ck.office", Mfa.Code(secret, DateTimeOffset.UtcNow))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await TokenAsync("ck.office", Mfa.Code(secret, DateTimeOffset.UtcNow.AddSeconds(30)))).StatusCode);

            // … and a recovery code works once.
            Assert.Equal(HttpStatusCode.OK, (await TokenAsync("ck.office", codes[0])).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("ck.office", codes[0])).StatusCode);
        }

        // Wrong codes count toward the lockout like wrong passwords (the reused recovery code above was the first of five).
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("ck.office", "123456")).StatusCode);
        }

        Assert.Equal((HttpStatusCode)423, (await TokenAsync("ck.office", "654321")).StatusCode);
    }

    [Fact]
    public async Task The_policy_requires_a_second_factor_of_administrators_and_county_offices_and_not_of_a_township()
    {
        var ct = TestContext.Current.CancellationToken;
        using var secadmin = await app.ClientForAsync("secadmin");
        var policy = await JsonAsync(await secadmin.GetAsync("/api/v1/security/policy", ct));
        var strict = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(policy.GetRawText())!
            .ToDictionary(p => p.Key, p => (object?)p.Value);
        strict["requireMfaForAdministrators"] = true;
        strict["requireMfaForOffices"] = true;
        (await secadmin.PutAsJsonAsync("/api/v1/security/policy", strict, ct)).EnsureSuccessStatusCode();

        try
        {
            foreach (var account in new[] { "admin", "auditor", "jx.office", "hh.office" })
            {
                var refused = await TokenAsync(account);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                var body = await JsonAsync(refused);
                Assert.True(body.GetProperty("enrolmentRequired").GetBoolean(), account);
                Assert.Contains("身份验证器", body.GetProperty("title").GetString(), StringComparison.Ordinal);
            }

            Assert.Equal(HttpStatusCode.OK, (await TokenAsync("jx.minhe")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await TokenAsync("jx.ent.minhe1")).StatusCode);
        }
        finally
        {
            strict["requireMfaForAdministrators"] = false;
            strict["requireMfaForOffices"] = false;
            (await secadmin.PutAsJsonAsync("/api/v1/security/policy", strict, ct)).EnsureSuccessStatusCode();
        }
    }
}
