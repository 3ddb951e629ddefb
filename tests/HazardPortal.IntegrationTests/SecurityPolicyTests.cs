using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace HazardPortal.IntegrationTests;

/// <summary>Tests that change the security policy, on a database of their own.</summary>
public class SecurityPolicyTests(SecurityPolicyTests.App app) : IClassFixture<SecurityPolicyTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task The_policy_cannot_be_set_below_the_baseline()
    {
        using var secadmin = await app.ClientForAsync("secadmin");
        var response = await secadmin.PutAsJsonAsync("/api/v1/security/policy", new { minPasswordLength = 6, minCharacterClasses = 3, lockoutThreshold = 5, lockoutMinutes = 30, idleTimeoutMinutes = 30 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var ok = await secadmin.PutAsJsonAsync("/api/v1/security/policy", new { minPasswordLength = 10, minCharacterClasses = 3, lockoutThreshold = 5, lockoutMinutes = 30, idleTimeoutMinutes = 20 });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var policy = await secadmin.GetFromJsonAsync<JsonElement>("/api/v1/security/policy");
        Assert.Equal(10, policy.GetProperty("minPasswordLength").GetInt32());
        Assert.Equal(20, policy.GetProperty("idleTimeoutMinutes").GetInt32());
    }

    [Fact]
    public async Task The_idle_timeout_of_the_policy_drives_the_sign_in_cookie_and_the_page_timer()
    {
        var cookies = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>();
        var before = cookies.Get(Web.Infrastructure.AuthSetup.CookieScheme);
        Assert.True(before.SlidingExpiration);
        var secadmin = await app.ClientForAsync("secadmin");
        var current = await secadmin.GetFromJsonAsync<JsonElement>("/api/v1/security/policy");
        Assert.Equal(TimeSpan.FromMinutes(current.GetProperty("idleTimeoutMinutes").GetInt32()), before.ExpireTimeSpan);

        var changed = await secadmin.PutAsJsonAsync("/api/v1/security/policy", new { minPasswordLength = 12, minCharacterClasses = 3, lockoutThreshold = 5, lockoutMinutes = 30, idleTimeoutMinutes = 15 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), cookies.Get(Web.Infrastructure.AuthSetup.CookieScheme).ExpireTimeSpan);

        var page = await secadmin.GetStringAsync("/");
        Assert.Contains("name=\"hp-idle-minutes\" content=\"15\"", page, StringComparison.Ordinal);
    }
}
