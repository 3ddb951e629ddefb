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

    [Fact]
    public async Task The_panels_add_up_to_the_totals_and_every_figure_opens_its_records()
    {
        using var office = await app.ClientForAsync("jx.office");
        var d = await office.GetFromJsonAsync<JsonElement>("/api/v1/dashboard?unit=360124000000&asOf=2023-08-31");
        var m = Metrics(d.GetProperty("metrics"));
        var found = m["hazards.self.found"] + m["hazards.dept.found"];

        // Found by month (May–August) adds up to the window's found: the same computation over each month's days.
        var months = d.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(["2023-05", "2023-06", "2023-07", "2023-08"], months.Select(x => x.GetProperty("period").GetString()!));
        Assert.Equal(found, months.Sum(x => x.GetProperty("found").GetDecimal()));
        Assert.Equal("2023-08-31", months[^1].GetProperty("to").GetString());

        // The records behind the figures: as many as the figure, for the window and for one month.
        var records = await office.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/records?unit=360124000000&figure=found&from=2023-05-01&to=2023-08-31");
        Assert.Equal(found, records.GetProperty("records").GetArrayLength());
        var june = months.Single(x => x.GetProperty("period").GetString() == "2023-06");
        var juneRecords = await office.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/records?unit=360124000000&figure=found&from=2023-06-01&to=2023-06-30");
        Assert.Equal(june.GetProperty("found").GetDecimal(), juneRecords.GetProperty("records").GetArrayLength());
        Assert.All(juneRecords.GetProperty("records").EnumerateArray(), r => Assert.StartsWith("2023-06", r.GetProperty("date").GetString(), StringComparison.Ordinal));
        var rectified = await office.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/records?unit=360124000000&figure=rectified&to=2023-08-31");
        Assert.Equal(m["hazards.self.rectified"] + m["hazards.dept.rectified"], rectified.GetProperty("records").GetArrayLength());

        // Rectified by month: what each month completed; the months add up to the window's figure, and a month's records are its figure.
        Assert.Equal(m["hazards.self.rectified"] + m["hazards.dept.rectified"], months.Sum(x => x.GetProperty("rectified").GetDecimal()));
        var julyRectified = await office.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/records?unit=360124000000&figure=rectified&from=2023-07-01&to=2023-07-31");
        Assert.Equal(months.Single(x => x.GetProperty("period").GetString() == "2023-07").GetProperty("rectified").GetDecimal(), julyRectified.GetProperty("records").GetArrayLength());
        Assert.True(julyRectified.GetProperty("records").GetArrayLength() > 0);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync("/api/v1/dashboard/records?figure=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync("/api/v1/dashboard/records?figure=found&from=2023-09-01&to=2023-08-01")).StatusCode);
        using var lidu = await app.ClientForAsync("jx.lidu");
        Assert.Equal(HttpStatusCode.NotFound, (await lidu.GetAsync("/api/v1/dashboard/records?unit=360124100000&figure=found")).StatusCode);

        // Open major hazards by sector add up to the open count.
        Assert.Equal(d.GetProperty("open").GetInt32(), d.GetProperty("sectors").EnumerateArray().Sum(s => s.GetProperty("open").GetInt32()));
        Assert.Equal(d.GetProperty("overdue").GetInt32(), d.GetProperty("sectors").EnumerateArray().Sum(s => s.GetProperty("overdue").GetInt32()));

        // Timeliness of the county's form over the last three periods: every owing unit is on time, late or not in.
        var timely = d.GetProperty("timeliness").EnumerateArray().Where(t => t.GetProperty("template").GetString() == "JX-COUNTY-2023").ToList();
        Assert.Equal(["2023-08", "2023-07", "2023-06"], timely.Select(t => t.GetProperty("period").GetString()!).Distinct());
        Assert.All(timely, t => Assert.Equal(t.GetProperty("owing").GetInt32(), t.GetProperty("onTime").GetInt32() + t.GetProperty("late").GetInt32() + t.GetProperty("notIn").GetInt32()));
        Assert.Contains(timely, t => t.GetProperty("onTime").GetInt32() + t.GetProperty("late").GetInt32() > 0); // the demo's townships reported

        // The campaign's phase on the day (进贤县's plan) and what the county owes next.
        Assert.Equal(JsonValueKind.Object, d.GetProperty("phase").ValueKind);
        Assert.Equal(JsonValueKind.Array, d.GetProperty("dueNext").ValueKind);
    }
}
