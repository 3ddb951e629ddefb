using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

/// <summary>The dashboard (issue #6) shows the forms' own numbers — one computation — for the unit and each child, within scope.</summary>
public class DashboardTests(DashboardTests.App app) : IClassFixture<DashboardTests.App>
{
    public sealed class App : PortalApp;

    private static Dictionary<string, decimal> Metrics(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal());

    private static Dictionary<string, decimal> Computed(JsonElement form) =>
        form.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty("computed").GetDecimal());

    [Fact]
    public async Task The_dashboard_equals_the_forms_computed_values_for_the_same_unit_and_day()
    {
        using var office = await app.ClientForAsync("jx.office");
        var dashboard = await office.GetFromJsonAsync<JsonElement>("/api/v1/dashboard?unit=360124000000&asOf=2023-10-23");
        Assert.Equal("2023-05-01", dashboard.GetProperty("windowStart").GetString());
        var mine = Metrics(dashboard.GetProperty("metrics"));
        var form = Computed(await office.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/forms?unit=360124000000&template=JX-COUNTY-2023&period=2023-10"));
        Assert.NotEmpty(form);
        foreach (var (key, value) in form)
        {
            Assert.True(mine[key] == value, $"{key}: dashboard {mine[key]}, form {value}");
        }

        Assert.True(mine["hazards.self.found"] + mine["hazards.dept.found"] > 0);

        // A child's numbers are its own form's (民和镇, as of the same day).
        using var minhe = await app.ClientForAsync("jx.minhe");
        var child = dashboard.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "360124100000");
        var childForm = Computed(await minhe.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/forms?unit=360124100000&template=JX-COUNTY-2023&period=2023-10"));
        var childMetrics = Metrics(child.GetProperty("metrics"));
        Assert.All(childForm, kv => Assert.Equal(kv.Value, childMetrics[kv.Key]));
        var overdue = dashboard.GetProperty("overdue").GetInt32();
        Assert.True(overdue >= dashboard.GetProperty("children").EnumerateArray().Sum(c => c.GetProperty("overdue").GetInt32()));
        Assert.True(dashboard.GetProperty("open").GetInt32() >= overdue);

        // The township's own dashboard; a sibling's, another county's and an enterprise's are refused.
        Assert.Equal(HttpStatusCode.OK, (await minhe.GetAsync("/api/v1/dashboard")).StatusCode);
        using var lidu = await app.ClientForAsync("jx.lidu");
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.GetAsync("/api/v1/dashboard?unit=360124100000")).StatusCode);
        using var honghe = await app.ClientForAsync("hh.office");
        Assert.Equal(HttpStatusCode.NotFound, (await honghe.GetAsync("/api/v1/dashboard?unit=360124000000")).StatusCode);
        using var firm = await app.ClientForAsync("jx.ent.minhe1");
        Assert.Equal(HttpStatusCode.Forbidden, (await firm.GetAsync("/api/v1/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync("/api/v1/dashboard?asOf=2023-01-01")).StatusCode);
    }
}
