using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Core.Hazards;
using HazardPortal.Tests;
using static HazardPortal.Tests.TestApi;

namespace HazardPortal.IntegrationTests;

/// <summary>The enterprise's own to-do list on its home page (issue #16 §4).</summary>
public class EnterpriseHomeTests(EnterpriseHomeTests.App app) : IClassFixture<EnterpriseHomeTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task The_home_lists_overdue_due_soon_returned_and_draft_hazards_each_a_link()
    {
        using var firm = await app.ClientForAsync("jx.ent.minhe1");
        using var yjj = await app.ClientForAsync("jx.yjj");
        var enterprise = (await firm.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("enterpriseId").GetGuid();
        object Plan(int deadline) => new { responsiblePerson = "王强", measures = "整改", funds = 1000, deadline = Days(deadline), emergencyPlan = "预案" };

        var soon = await Json(await firm.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = enterprise, title = "H1 三天后到期的隐患", grade = "Major", foundOn = Days(-5), plan = Plan(3) }));
        var failed = await Json(await yjj.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = enterprise, title = "H2 验收未通过的隐患", grade = "Major", foundOn = Days(-20), plan = Plan(30) }));
        var id = failed.GetProperty("id").GetGuid();
        failed = await Json(await firm.PostAsJsonAsync($"/api/v1/hazards/{id}/rectify", new { rectifiedOn = Days(-1), description = "已整改", version = failed.GetProperty("version").GetUInt32() }));
        await Json(await yjj.PostAsJsonAsync($"/api/v1/hazards/{id}/verify", new { verifiedOn = Days(0), passed = false, reason = "泄爆片规格不符", version = failed.GetProperty("version").GetUInt32() }));

        var (cookie, _) = await app.CookieSessionAsync("jx.ent.minhe1");
        var html = System.Net.WebUtility.HtmlDecode(await cookie.GetStringAsync("/"));
        Assert.Contains("data-testid=\"todo\"", html, StringComparison.Ordinal);
        var todo = html[html.IndexOf("data-testid=\"todo\"", StringComparison.Ordinal)..];
        Assert.Contains("逾期未整改", todo, StringComparison.Ordinal); // the demo's hazard past its 2023 deadline
        Assert.Contains($"href=\"/hazards/{soon.GetProperty("id").GetGuid()}\"", html, StringComparison.Ordinal);
        Assert.Contains("即将到期", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/hazards/{id}\"", html, StringComparison.Ordinal);
        Assert.Contains("验收未通过：泄爆片规格不符", html, StringComparison.Ordinal);
        Assert.Contains("承诺回执书", html, StringComparison.Ordinal);

        // Another enterprise's home lists none of them; a cadre's home has no enterprise to-do at all.
        var (other, _) = await app.CookieSessionAsync("jx.ent.lidu1");
        var otherHtml = System.Net.WebUtility.HtmlDecode(await other.GetStringAsync("/"));
        Assert.DoesNotContain("H1 三天后到期的隐患", otherHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("H2 验收未通过的隐患", otherHtml, StringComparison.Ordinal);
        var (cadre, _) = await app.CookieSessionAsync("jx.minhe");
        Assert.DoesNotContain("data-testid=\"todo\"", await cadre.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
