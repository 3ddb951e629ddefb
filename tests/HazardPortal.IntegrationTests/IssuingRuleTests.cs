using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

/// <summary>Issue #15 §1: who may issue which template — an issuer, at a level the template's document addresses.</summary>
public class IssuingRuleTests(IssuingRuleTests.App app) : IClassFixture<IssuingRuleTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task A_template_is_issued_only_at_the_levels_its_document_addresses()
    {
        // 民和镇's cadres may issue to their villages, but not 进贤县's county table (issue #15 §1: 201 before).
        using var minhe = await app.ClientForAsync("jx.minhe");
        var before = (await minhe.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/issues")).GetArrayLength();
        var refused = await minhe.PostAsJsonAsync("/api/v1/dispatch/issues", new { template = "JX-COUNTY-2023", recipients = new[] { "ChildJurisdictions" }, cutoffDays = new[] { 20 } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("县（市、区）安委办", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await minhe.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/issues")).GetArrayLength());

        // 红河州's sector matrix is the prefecture's alone; a county office may not pass it on.
        using var jinxian = await app.ClientForAsync("jx.office");
        Assert.Equal(HttpStatusCode.Forbidden, (await jinxian.PostAsJsonAsync("/api/v1/dispatch/issues", new { template = "HH-SECTOR-2023", recipients = new[] { "ChildJurisdictions" }, cutoffDays = new[] { 5 } })).StatusCode);

        // A township issues the village table; the template list says who issues what, in words.
        var created = await minhe.PostAsJsonAsync("/api/v1/dispatch/issues", new { template = "GC-VILLAGE-2023", recipients = new[] { "ChildJurisdictions" }, cutoffDays = new[] { 28 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var templates = (await minhe.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/templates")).EnumerateArray().ToList();
        Assert.Equal(["县（市、区）安委办"], templates.Single(t => t.GetProperty("code").GetString() == "JX-COUNTY-2023").GetProperty("issuedBy").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["市（州）安委办", "县（市、区）安委办"], templates.Single(t => t.GetProperty("code").GetString() == "HH-PREF-2023").GetProperty("issuedBy").EnumerateArray().Select(x => x.GetString()));
    }
}
