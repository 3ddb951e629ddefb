using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using static HazardPortal.Tests.TestApi;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// The county 安委办 before the cutoff (issue #16 §1): 催报 reminds exactly the units that have not submitted, once a
/// day, and their fillers hear of it; the board marks a unit that has not submitted after its due day 逾期.
/// </summary>
public class CountyOfficeTests(CountyOfficeTests.App app) : IClassFixture<CountyOfficeTests.App>
{
    public sealed class App : PortalApp;

    private const string County = "360124000000";
    private const string Template = "JX-COUNTY-2023";

    private static async Task<List<JsonElement>> BoardAsync(HttpClient office, string period) =>
        (await Json(await office.GetAsync($"/api/v1/dispatch/status?parent={County}&template={Template}&period={period}"))).EnumerateArray().ToList();

    [Fact]
    public async Task Reminders_notify_exactly_the_missing_units_once_a_day()
    {
        using var office = await app.ClientForAsync("jx.office");
        using var minhe = await app.ClientForAsync("jx.minhe");
        using var lidu = await app.ClientForAsync("jx.lidu");

        // September 2023: 民和镇 submits; everyone else owes the form.
        var form = await Json(await minhe.GetAsync($"/api/v1/dispatch/forms?unit=360124100000&template={Template}&period=2023-09"));
        await Json(await minhe.PostAsJsonAsync($"/api/v1/dispatch/forms/{form.GetProperty("id").GetGuid()}/submit", new { version = form.GetProperty("version").GetUInt32() }));
        var before = await BoardAsync(office, "2023-09");
        var owing = before.Count(r => r.GetProperty("status").GetString() is "Missing" or "Draft" or "Returned");
        Assert.True(owing > 10, $"{owing} units owe the form");

        var first = await Json(await office.PostAsJsonAsync("/api/v1/dispatch/reminders", new { parent = County, template = Template, period = "2023-09" }));
        Assert.Equal(owing, first.GetProperty("notified").GetInt32());
        Assert.Contains("李渡镇", first.GetProperty("units").EnumerateArray().Select(u => u.GetString()));
        Assert.DoesNotContain("民和镇", first.GetProperty("units").EnumerateArray().Select(u => u.GetString()));

        // A second press the same day reminds nobody.
        var second = await Json(await office.PostAsJsonAsync("/api/v1/dispatch/reminders", new { parent = County, template = Template, period = "2023-09" }));
        Assert.Equal(0, second.GetProperty("notified").GetInt32());

        // 李渡镇's cadre is told; 民和镇's (which submitted) is not.
        var liduNotes = (await lidu.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "FormReminder").ToList();
        var note = Assert.Single(liduNotes);
        Assert.Contains("2023-09", note.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("催报", note.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await minhe.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "FormReminder");

        // The board says who was reminded; the period's due day (2023-09-23) is long past, so the missing are 逾期 and the submitter is not.
        var after = await BoardAsync(office, "2023-09");
        var liduRow = after.Single(r => r.GetProperty("unit").GetProperty("name").GetString() == "李渡镇");
        Assert.NotEqual(JsonValueKind.Null, liduRow.GetProperty("remindedAt").ValueKind);
        Assert.True(liduRow.GetProperty("overdue").GetBoolean());
        var minheRow = after.Single(r => r.GetProperty("unit").GetProperty("name").GetString() == "民和镇");
        Assert.False(minheRow.GetProperty("overdue").GetBoolean());
        Assert.Equal(JsonValueKind.Null, minheRow.GetProperty("remindedAt").ValueKind);

        // Audited: each reminder is a row of the audit log.
        await using var audit = app.AuditDb();
        Assert.Equal(owing, audit.AuditEntries.Count(a => a.EntityType == "FormReminder"));

        // Tenancy: a township sees its own reminder only, another prefecture none, both through the filter and through RLS.
        await using var system = app.SystemDb();
        var liduPath = system.Jurisdictions.Single(j => j.Code == "360124101000").Path.ToString();
        var honghePath = system.Jurisdictions.Single(j => j.Code == "532500000000").Path.ToString();
        await using (var township = app.Db(Core.Tenancy.AccessScope.ForUser(Guid.NewGuid(), "t", [Core.Identity.Roles.TownshipCadre], liduPath, Guid.NewGuid(), null)))
        {
            Assert.Equal("李渡镇", Assert.Single(township.FormReminders).UnitName);
            Assert.Equal(1, township.FormReminders.IgnoreQueryFilters([Core.Data.AppDbContext.TenantFilter]).Count());
        }

        await using var other = app.Db(Core.Tenancy.AccessScope.ForUser(Guid.NewGuid(), "t", [Core.Identity.Roles.SafetyOffice], honghePath, Guid.NewGuid(), null));
        Assert.Empty(other.FormReminders);
        Assert.Empty(other.FormReminders.IgnoreQueryFilters([Core.Data.AppDbContext.TenantFilter]));
    }

    [Fact]
    public async Task Only_the_issuer_reminds_and_bad_input_changes_nothing()
    {
        using var minhe = await app.ClientForAsync("jx.minhe");
        using var hh = await app.ClientForAsync("hh.office");
        using var office = await app.ClientForAsync("jx.office");
        using var yjj = await app.ClientForAsync("jx.yjj");
        // The county above a township is outside its scope; a department of the county sees it but does not issue the form.
        Assert.Equal(HttpStatusCode.NotFound, (await minhe.PostAsJsonAsync("/api/v1/dispatch/reminders", new { parent = County, template = Template, period = "2023-10" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await yjj.PostAsJsonAsync("/api/v1/dispatch/reminders", new { parent = County, template = Template, period = "2023-10" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hh.PostAsJsonAsync("/api/v1/dispatch/reminders", new { parent = County, template = Template, period = "2023-10" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PostAsJsonAsync("/api/v1/dispatch/reminders", new { parent = County, template = Template, period = "2023-13" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PostAsJsonAsync("/api/v1/dispatch/reminders", new { parent = County, template = Template, period = "2023-10", cutoff = 99 })).StatusCode);
        await using var db = app.SystemDb();
        Assert.False(db.FormReminders.Any(r => r.Period == "2023-10" || r.Period == "2023-13"));
    }
}

/// <summary>
/// The demo lives inside its campaign (issue #16 §6): with the clock at 2023-08-22 21:30 China time, 进贤县's townships
/// are due tomorrow and none is 逾期 by years; pages default to the open period and say 演示时间.
/// </summary>
public class DemoClockTests(DemoClockTests.App app) : IClassFixture<DemoClockTests.App>
{
    public sealed class App : PortalApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:SeedDemo", "true");
            builder.UseSetting("Demo:Time", "2023-08-22 21:30");
        }
    }

    [Fact]
    public async Task The_county_board_on_the_evening_before_the_cutoff()
    {
        using var office = await app.ClientForAsync("jx.office");
        var rows = (await office.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/status?parent=360124000000&template=JX-COUNTY-2023&period=2023-08")).EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, r => r.GetProperty("overdue").GetBoolean());

        using var minhe = await app.ClientForAsync("jx.minhe");
        var form = await minhe.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/forms?unit=360124100000&template=JX-COUNTY-2023&period=2023-08");
        Assert.Equal("2023-08-23", form.GetProperty("dueOn").GetString());
        Assert.Equal(1, form.GetProperty("daysLeft").GetInt32());

        // The board opens on the open period (due tomorrow), and the header says the portal runs on demo time.
        var (cookie, _) = await app.CookieSessionAsync("jx.office");
        var html = await cookie.GetStringAsync("/dispatch/board?parent=360124000000&template=JX-COUNTY-2023");
        Assert.Contains("period=2023-08", html, StringComparison.Ordinal);
        Assert.Contains("演示时间 2023-08-22", html, StringComparison.Ordinal);

        // The escalation job runs on the same clock: its notifications are dated inside the campaign.
        using var admin = await app.ClientForAsync("admin");
        (await admin.PostAsync("/api/v1/admin/jobs/escalation/run", null)).EnsureSuccessStatusCode();
        var notes = (await minhe.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).EnumerateArray().ToList();
        Assert.NotEmpty(notes);
        Assert.All(notes, n => Assert.StartsWith("2023-08-2", n.GetProperty("createdAt").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.GetProperty("title").GetString()!.Contains("2023-12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_in_and_tokens_keep_real_time()
    {
        // A cookie stamped with a 2023 expiry would be dropped by the browser: sessions stay on real time.
        var (cookie, _) = await app.CookieSessionAsync("jx.minhe");
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/v1/me")).StatusCode);
        using var api = await app.ClientForAsync("jx.minhe");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
    }
}
