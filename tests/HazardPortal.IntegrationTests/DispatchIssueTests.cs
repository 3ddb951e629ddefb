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
        Assert.Equal(4, graph.GetArrayLength());
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
}
