using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

public class DispatchSmokeTests(DispatchSmokeTests.App app) : IClassFixture<DispatchSmokeTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task A_township_opens_fills_and_submits_and_the_county_accepts()
    {
        using var minhe = await app.ClientForAsync("jx.minhe");
        var opened = await minhe.GetAsync("/api/v1/dispatch/forms?unit=360124100000&template=JX-COUNTY-2023&period=2023-08");
        var body = await opened.Content.ReadAsStringAsync();
        Assert.True(opened.StatusCode == HttpStatusCode.OK, body);
        var form = JsonDocument.Parse(body).RootElement;
        Assert.Equal("2023-08-23", form.GetProperty("asOf").GetString());
        Assert.Equal("2023-08-23", form.GetProperty("dueOn").GetString());
        Assert.Equal(35, form.GetProperty("items").GetArrayLength());
        var id = form.GetProperty("id").GetGuid();
        var submit = await minhe.PostAsJsonAsync($"/api/v1/dispatch/forms/{id}/submit", new { version = form.GetProperty("version").GetUInt32() });
        Assert.True(submit.StatusCode == HttpStatusCode.OK, await submit.Content.ReadAsStringAsync());

        using var office = await app.ClientForAsync("jx.office");
        var status = await office.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/status?parent=360124000000&template=JX-COUNTY-2023&period=2023-08");
        Assert.Contains(status.EnumerateArray(), r => r.GetProperty("unit").GetProperty("code").GetString() == "360124100000" && r.GetProperty("status").GetString() == "Submitted");
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"/api/v1/dispatch/forms/{id}/accept", null)).StatusCode);
        var rollup = await office.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/forms?unit=360124000000&template=JX-COUNTY-2023&period=2023-08");
        Assert.NotEmpty(rollup.GetProperty("missingUnits").EnumerateArray());
        var export = await office.GetAsync($"/api/v1/dispatch/forms/{id}/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }
}
