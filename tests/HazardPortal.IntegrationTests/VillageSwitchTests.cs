using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Issue #18 §1: villages "for any township an office switches on" — a 安委办 above the township adds the NBS list's
/// 村（居）委会 below it (POST /api/v1/jurisdictions/{code}/villages); again, nothing changes; who may not, and what
/// is not a township, is told in words and nothing is written.
/// </summary>
public class VillageSwitchTests(VillageSwitchTests.App app) : IClassFixture<VillageSwitchTests.App>
{
    public sealed class App : PortalApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:Divisions", DivisionImportTests.DivisionsDirectory());
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Lidu = "360124101000"; // 李渡镇: 19 村（居）委会 in the 2023 list

    [Fact]
    public async Task A_county_office_switches_a_township_s_villages_on_once_and_others_are_refused()
    {
        // Refused, and nothing written: the township's own cadre, an enterprise, another prefecture's office (it does
        // not see 进贤县), a county (not a township), a malformed code.
        using var lidu = await app.ClientForAsync("jx.lidu");
        Assert.Equal(HttpStatusCode.Forbidden, (await lidu.PostAsync($"/api/v1/jurisdictions/{Lidu}/villages", null, Ct)).StatusCode);
        using var enterprise = await app.ClientForAsync("jx.ent.lidu1");
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PostAsync($"/api/v1/jurisdictions/{Lidu}/villages", null, Ct)).StatusCode);
        using var honghe = await app.ClientForAsync("hh.office");
        Assert.Equal(HttpStatusCode.NotFound, (await honghe.PostAsync($"/api/v1/jurisdictions/{Lidu}/villages", null, Ct)).StatusCode);
        using var office = await app.ClientForAsync("jx.office");
        var county = await office.PostAsync("/api/v1/jurisdictions/360124000000/villages", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, county.StatusCode);
        Assert.Contains("乡镇（街道）", await county.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PostAsync("/api/v1/jurisdictions/36012410100x/villages", null, Ct)).StatusCode);
        await using (var db = app.SystemDb())
        {
            Assert.False(await db.Jurisdictions.AnyAsync(j => j.ParentCode == Lidu, Ct));
        }

        // The county's office: 19 villages under 李渡镇, at the village's depth, named as the list names them.
        var first = await office.PostAsync($"/api/v1/jurisdictions/{Lidu}/villages", null, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var added = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("李渡镇", 19, 19), (added.GetProperty("name").GetString(), added.GetProperty("villages").GetInt32(), added.GetProperty("new").GetInt32()));
        var children = (await office.GetFromJsonAsync<JsonElement>($"/api/v1/jurisdictions/{Lidu}/children", Ct)).EnumerateArray().ToList();
        Assert.Equal(19, children.Count);
        Assert.All(children, c => Assert.Equal("村级", c.GetProperty("levelName").GetString()));
        await using (var db = app.SystemDb())
        {
            var village = await db.Jurisdictions.AsNoTracking().FirstAsync(j => j.ParentCode == Lidu, Ct);
            Assert.Equal(6, village.Path.ToString().Split('.').Length);
            Assert.Equal(2023, village.DivisionYear);
        }

        await using (var audit = app.AuditDb())
        {
            Assert.True(await audit.AuditEntries.AnyAsync(a => a.Action == "jurisdiction.villages-added" && a.EntityId == Lidu && a.ActionName == "接入村（社区）" && a.Actor == "jx.office", Ct));
        }

        // Again: the same 19, none new; nothing retired anywhere.
        var again = await (await office.PostAsync($"/api/v1/jurisdictions/{Lidu}/villages", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((19, 0), (again.GetProperty("villages").GetInt32(), again.GetProperty("new").GetInt32()));
        await using (var db = app.SystemDb())
        {
            Assert.False(await db.Jurisdictions.AnyAsync(j => j.RetiredOn != null, Ct));
        }
    }
}
