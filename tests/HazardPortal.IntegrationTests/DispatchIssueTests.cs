using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

/// <summary>The issuance graph: the national office sees it whole; only the issuer sets its cutoff days, and forms follow.</summary>
public class DispatchIssueTests(DispatchIssueTests.App app) : IClassFixture<DispatchIssueTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task The_issuer_sets_its_cutoff_days_and_nobody_else_can()
    {
        using var national = await app.ClientForAsync("nat.office");
        var graph = await national.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/issues");
        Assert.True(graph.GetArrayLength() >= 4); // the four seeded issuances (the other test may have added one)
        Assert.All(graph.EnumerateArray(), i => Assert.False(i.GetProperty("canEdit").GetBoolean()));

        using var office = await app.ClientForAsync("jx.office");
        var mine = (await office.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/issues")).EnumerateArray().Single();
        Assert.True(mine.GetProperty("canEdit").GetBoolean());
        var id = mine.GetProperty("id").GetGuid();

        using var minhe = await app.ClientForAsync("jx.minhe");
        Assert.Contains((await minhe.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/issues")).EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await minhe.PutAsJsonAsync($"/api/v1/dispatch/issues/{id}", new { cutoffDays = new[] { 20 } })).StatusCode);
        using var honghe = await app.ClientForAsync("hh.office");
        Assert.Equal(HttpStatusCode.NotFound, (await honghe.PutAsJsonAsync($"/api/v1/dispatch/issues/{id}", new { cutoffDays = new[] { 20 } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PutAsJsonAsync($"/api/v1/dispatch/issues/{id}", new { cutoffDays = new[] { 0 } })).StatusCode);

        var changed = await office.PutAsJsonAsync($"/api/v1/dispatch/issues/{id}", new { cutoffDays = new[] { 25 } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var form = await minhe.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/forms?unit=360124100000&template=JX-COUNTY-2023&period=2023-11");
        Assert.Equal("2023-11-25", form.GetProperty("asOf").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await minhe.GetAsync("/api/v1/dispatch/forms?unit=360124100000&template=JX-COUNTY-2023&period=2023-11&cutoff=23")).StatusCode);
    }

    [Fact]
    public async Task An_office_issues_a_template_to_the_units_below_it_and_their_forms_follow()
    {
        using var chengkou = await app.ClientForAsync("ck.office");
        var before = (await chengkou.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/issues")).GetArrayLength();

        // Bad input: a clear 400 and nothing written.
        Assert.Equal(HttpStatusCode.BadRequest, (await chengkou.PostAsJsonAsync("/api/v1/dispatch/issues", new { template = "NO-SUCH", recipients = new[] { "ChildJurisdictions" }, cutoffDays = new[] { 20 } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await chengkou.PostAsJsonAsync("/api/v1/dispatch/issues", new { template = "HH-PREF-2023", recipients = new[] { "Everyone" }, cutoffDays = new[] { 20 } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await chengkou.PostAsJsonAsync("/api/v1/dispatch/issues", new { template = "HH-PREF-2023", recipients = new[] { "ChildJurisdictions" }, cutoffDays = new[] { 32 } })).StatusCode);
        Assert.Equal(before, (await chengkou.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/issues")).GetArrayLength());

        // Only an office issues (a township's cadres only to their villages); a department never.
        using var yjj = await app.ClientForAsync("jx.yjj");
        Assert.Equal(HttpStatusCode.Forbidden, (await yjj.PostAsJsonAsync("/api/v1/dispatch/issues", new { template = "HH-PREF-2023", recipients = new[] { "ChildJurisdictions" }, cutoffDays = new[] { 20 } })).StatusCode);
        using var gecheng = await app.ClientForAsync("gc.cadre");
        Assert.Equal(HttpStatusCode.BadRequest, (await gecheng.PostAsJsonAsync("/api/v1/dispatch/issues", new { template = "JX-COUNTY-2023", recipients = new[] { "Departments" }, cutoffDays = new[] { 28 } })).StatusCode);

        var created = await chengkou.PostAsJsonAsync("/api/v1/dispatch/issues", new { template = "HH-PREF-2023", recipients = new[] { "ChildJurisdictions" }, cutoffDays = new[] { 20 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issue = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("500229000000", issue.GetProperty("issuerCode").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await chengkou.PostAsJsonAsync("/api/v1/dispatch/issues", new { template = "HH-PREF-2023", recipients = new[] { "ChildJurisdictions" }, cutoffDays = new[] { 25 } })).StatusCode);

        // 葛城街道 now owes 城口县 the form, due on the 20th; the national office sees the new edge.
        var form = await gecheng.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/forms?unit=500229001000&template=HH-PREF-2023&period=2023-10");
        Assert.Equal("2023-10-20", form.GetProperty("dueOn").GetString());
        Assert.True(form.GetProperty("items").GetArrayLength() > 20);
        var status = await chengkou.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/status?parent=500229000000&template=HH-PREF-2023&period=2023-10");
        Assert.Contains(status.EnumerateArray(), r => r.GetProperty("unit").GetProperty("code").GetString() == "500229001000");
        using var national = await app.ClientForAsync("nat.office");
        Assert.Contains((await national.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/issues")).EnumerateArray(), i => i.GetProperty("id").GetGuid() == issue.GetProperty("id").GetGuid());
    }
}
