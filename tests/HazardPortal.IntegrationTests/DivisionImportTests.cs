using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HazardPortal.Core;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.ReferenceData;
using HazardPortal.Tests;
using HazardPortal.Web.Features.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Issue #18 §1: the NBS 2023 division list (data/divisions) as the jurisdiction tree — one province's slice with the
/// right counts, codes and paths; idempotent; a later list's renamed node takes its new name and a node it no longer
/// has stays for its records, marked retired. The full list's counts belong to the benchmark.
/// </summary>
public abstract class DivisionImportTests
{
    public sealed class App : PortalApp;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static string Divisions() => DivisionsDirectory();

    /// <summary>data/divisions of the repository.</summary>
    public static string DivisionsDirectory([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "data", "divisions"));

    protected static readonly DateOnly Today = new(2026, 12, 5);
}

/// <summary>One province's slice on a fresh database, imported twice.</summary>
public class DivisionSliceTests(DivisionImportTests.App app) : DivisionImportTests, IClassFixture<DivisionImportTests.App>
{
    [Fact]
    public async Task Jiangxi_imports_with_its_counts_codes_and_paths_and_a_second_import_changes_nothing()
    {
        var options = new DivisionImport.Options(2023, new HashSet<string> { "36" });
        var list = DivisionImport.Read(Divisions(), options);
        Assert.Equal(1 + 11 + 100 + 1767, list.Count); // 江西: the province, 11 cities, 100 counties, 1,767 townships

        await using var db = app.SystemDb();
        var before = await db.Jurisdictions.CountAsync(j => j.Code.StartsWith("36"), Ct);
        Assert.Equal(26, before); // the demo's hand-made 江西 nodes, all in the list under the same code and name
        var first = await DivisionImport.ImportAsync(db, list, options, Today, ct: Ct);
        Assert.Equal((1879, 1879 - 26, 0, 0), (first.Listed, first.Added, first.Changed, first.Retired));

        var donghu = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "360102000000", Ct);
        Assert.Equal(("东湖区", JurisdictionLevel.County, "360100000000", "000000000000.360000000000.360100000000.360102000000", 2023),
            (donghu.Name, donghu.Level, donghu.ParentCode, donghu.Path.ToString(), donghu.DivisionYear));
        var minhe = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "360124100000", Ct);
        Assert.Equal("000000000000.360000000000.360100000000.360124000000.360124100000", minhe.Path.ToString());
        Assert.Equal(1767, await db.Jurisdictions.CountAsync(j => j.Code.StartsWith("36") && j.Level == JurisdictionLevel.Township, Ct));

        var again = await DivisionImport.ImportAsync(db, list, options, Today, ct: Ct);
        Assert.Equal((0, 0, 0, 0), (again.Added, again.Changed, again.Retired, again.Restored));

        // 广东: 东莞市 has no counties — the list repeats it as a county-level row with the same code; it is one node.
        var guangdong = DivisionImport.Read(Divisions(), new DivisionImport.Options(2023, new HashSet<string> { "44" }));
        Assert.Equal(guangdong.Count, guangdong.Select(d => d.Code).Distinct().Count());
        Assert.Equal(JurisdictionLevel.Prefecture, guangdong.Single(d => d.Code == "441900000000").Level);
        Assert.All(guangdong.Where(d => d.Code.StartsWith("4419", StringComparison.Ordinal) && d.Level == JurisdictionLevel.Township), d => Assert.Equal("441900000000", d.ParentCode));
    }

}

/// <summary>A later list that renames and retires, then restores.</summary>
public class DivisionHistoryTests(DivisionHistoryTests.Own app) : DivisionImportTests, IClassFixture<DivisionHistoryTests.Own>
{
    public sealed class Own : PortalApp;

    [Fact]
    public async Task A_later_list_renames_and_retires_and_the_retired_node_stays_for_its_records()
    {
        var options = new DivisionImport.Options(2023, new HashSet<string> { "36" });
        var list = DivisionImport.Read(Divisions(), options);
        await using var db = app.SystemDb();
        await DivisionImport.ImportAsync(db, list, options, Today, ct: Ct);

        // A 2024 list: 南昌县's 莲塘镇 gone (merged), 东湖区 renamed; 民和镇, which holds the demo's records, gone too.
        var lianTang = list.Single(d => d.Code.StartsWith("360121", StringComparison.Ordinal) && d.Name == "莲塘镇").Code;
        var later = list.Where(d => d.Code != lianTang && d.Code != "360124100000")
            .Select(d => d.Code == "360102000000" ? d with { Name = "东湖新区" } : d).ToList();
        var next = await DivisionImport.ImportAsync(db, later, options with { Year = 2024 }, Today, ct: Ct);
        Assert.Equal((0, 1, 2), (next.Added, next.Changed, next.Retired));

        var nodes = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == lianTang || j.Code == "360124100000" || j.Code == "360102000000").ToDictionaryAsync(j => j.Code, Ct);
        Assert.Equal(Today, nodes[lianTang].RetiredOn);
        Assert.Equal(Today, nodes["360124100000"].RetiredOn);
        Assert.Equal("东湖新区", nodes["360102000000"].Name);
        Assert.True(await db.Hazards.AnyAsync(h => h.TownshipCode == "360124100000", Ct)); // its records stay

        // The next list has them again: restored, the name back; the hand-made nodes of other provinces were never touched.
        var back = await DivisionImport.ImportAsync(db, list, options with { Year = 2025 }, Today, ct: Ct);
        Assert.Equal((0, 1, 0, 2), (back.Added, back.Changed, back.Retired, back.Restored));
        Assert.Null((await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "360124100000", Ct)).RetiredOn);
        Assert.False(await db.Jurisdictions.AnyAsync(j => j.RetiredOn != null, Ct));
    }

}

/// <summary>
/// A city without counties (东莞市): its townships stand at the township's depth — their paths repeat the city's label —
/// so a township is a township to every rule by depth, and a record there rolls up once into the city, the province
/// and 全国 (the maintained aggregates equal the computation from the records).
/// </summary>
public class DivisionCountylessCityTests(DivisionCountylessCityTests.Own app) : DivisionImportTests, IClassFixture<DivisionCountylessCityTests.Own>
{
    public sealed class Own : PortalApp;

    private const string City = "000000000000.440000000000.441900000000";
    private const string Dongcheng = City + ".441900000000.441900003000";

    [Fact]
    public async Task Dongguan_s_townships_are_townships_and_their_records_roll_up_once_into_the_city()
    {
        var options = new DivisionImport.Options(2023, new HashSet<string> { "44" });
        await using var db = app.SystemDb();
        await DivisionImport.ImportAsync(db, DivisionImport.Read(Divisions(), options), options, Today, ct: Ct);

        var town = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "441900003000", Ct);
        Assert.Equal(("东城街道", "441900000000", Dongcheng), (town.Name, town.ParentCode, town.Path.ToString()));
        Assert.Equal(JurisdictionLevel.Township, HazardPortal.Core.Tenancy.JurisdictionPath.Level(town.Path.ToString()));
        Assert.Equal("441900000000", HazardPortal.Core.Tenancy.JurisdictionPath.ParentCode(town.Path.ToString()));
        var county = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "440106000000", Ct); // 天河区: a county as ever
        Assert.Equal("000000000000.440000000000.440100000000.440106000000", county.Path.ToString());

        // A list imported when the township still hung directly under the city (depth 4) moves it to the right depth.
        await db.Database.ExecuteSqlRawAsync($"UPDATE jurisdictions SET path = '{City}.441900003000' WHERE code = '441900003000'", Ct);
        var again = await DivisionImport.ImportAsync(db, DivisionImport.Read(Divisions(), options), options, Today, ct: Ct);
        Assert.Equal((0, 1), (again.Added, again.Changed));
        Assert.Equal(Dongcheng, (await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "441900003000", Ct)).Path.ToString());

        // A database from before: the township and a reward in it at depth 4 (counted then as a county of its own). The
        // migration's move puts both at the township's depth and rebuilds the counts: the city is held once, at its own
        // depth, and the township is no longer a node of the maintained counts.
        await db.Database.ExecuteSqlRawAsync($"UPDATE jurisdictions SET path = '{City}.441900003000' WHERE code = '441900003000'", Ct);
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO rewards (id, anonymous, jurisdiction_code, path, "on", recorded_by_unit_id, recorded_by_unit_name, recorded_by_user_id, recorded_by, created_at, amount_wan)
            SELECT gen_random_uuid(), false, '441900003000', '{City}.441900003000'::ltree, date '2023-06-01', u.id, u.name, (SELECT id FROM users ORDER BY user_name LIMIT 1), '测试', now(), 0.35
            FROM units u ORDER BY u.created_at LIMIT 1
            """, Ct);
        // …with a township government's unit and its cadre's account, and a task list the township issued (issuer_path).
        var unit = Guid.CreateVersion7();
        await db.Database.ExecuteSqlRawAsync($$"""
            INSERT INTO units (id, name, kind, jurisdiction_code, path, sector_codes, disabled, created_at)
            VALUES ({0}, '东城街道办事处', 'Government', '441900003000', '{{City}}.441900003000', ARRAY[]::text[], false, now());
            UPDATE users SET unit_id = {0} WHERE user_name = 'jx.lidu';
            INSERT INTO campaign_tasks (id, campaign_code, issuer_unit_id, issuer_jurisdiction_code, issuer_path, phase, level, no, text, due_on, recipients, position)
            VALUES (gen_random_uuid(), 'ZX2023', {0}, '441900003000', '{{City}}.441900003000', '排查整治', '村（社区）', 1, '逐村排查', date '2023-07-31', 'ChildJurisdictions', 1);
            """, [unit], Ct);
        var stamp = await db.Users.AsNoTracking().Where(u => u.UserName == "jx.lidu").Select(u => u.SecurityStamp).SingleAsync(Ct);
        Assert.True(await Nodes(db, "441900003000") > 0);
        await using (var owner = HazardPortal.Core.Data.DatabaseSetup.Open(app.OwnerConnection, HazardPortal.Core.Tenancy.AccessScope.System("migrate")))
        {
            // As the migration runs it: the owner, under the system scope.
            await owner.Database.OpenConnectionAsync(Ct);
            await using var move = owner.Database.GetDbConnection().CreateCommand();
            move.CommandText = HazardPortal.Core.Data.Migrations.CountylessCities.MoveRows;
            await move.ExecuteNonQueryAsync(Ct);
        }

        Assert.Equal(Dongcheng, (await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "441900003000", Ct)).Path.ToString());
        Assert.Equal(Dongcheng, (await db.Rewards.AsNoTracking().SingleAsync(r => r.JurisdictionCode == "441900003000", Ct)).Path.ToString());
        Assert.Equal(0, await Nodes(db, "441900003000"));
        Assert.Equal(Dongcheng, (await db.Units.AsNoTracking().SingleAsync(u => u.Id == unit, Ct)).Path.ToString());
        Assert.Equal(Dongcheng, (await db.CampaignTasks.AsNoTracking().SingleAsync(t => t.IssuerUnitId == unit, Ct)).IssuerPath.ToString());
        Assert.NotEqual(stamp, await db.Users.AsNoTracking().Where(u => u.UserName == "jx.lidu").Select(u => u.SecurityStamp).SingleAsync(Ct)); // signed out, to sign in with the new path
        var depths = await db.Database.SqlQueryRaw<int>(
            "SELECT nlevel(path) AS \"Value\" FROM metric_counts WHERE node = '441900000000' AND metric = 'leadership.rewards.amount'").ToListAsync(Ct);
        Assert.NotEmpty(depths);
        Assert.All(depths, d => Assert.Equal(3, d));
        var unchanged = await DivisionImport.ImportAsync(db, DivisionImport.Read(Divisions(), options), options, Today, ct: Ct);
        Assert.Equal((0, 0), (unchanged.Added, unchanged.Changed));

        // A record written at the township's depth is counted by the maintained triggers the same way.
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO rewards (id, anonymous, jurisdiction_code, path, "on", recorded_by_unit_id, recorded_by_unit_name, recorded_by_user_id, recorded_by, created_at, amount_wan)
            SELECT gen_random_uuid(), true, '441900003000', '{Dongcheng}'::ltree, date '2023-07-01', u.id, u.name, (SELECT id FROM users ORDER BY user_name LIMIT 1), '测试', now(), 0.15
            FROM units u ORDER BY u.created_at LIMIT 1
            """, Ct);
        Assert.Equal(0, await Nodes(db, "441900003000"));

        var start = new DateOnly(2023, 5, 1);
        var asOf = new DateOnly(2023, 9, 30);
        foreach (var path in new[] { Dongcheng, City, "000000000000.440000000000" })
        {
            var kept = await MetricComputer.ComputeAsync(db, MetricSubject.Subtree(path), start, asOf, ct: Ct);
            var counted = await MetricComputer.ComputeAsync(db, MetricSubject.Subtree(path), start, asOf, aggregates: false, ct: Ct);
            Assert.Equal(0.50m, kept.GetValueOrDefault("leadership.rewards.amount"));
            Assert.Equal(0.50m, counted.GetValueOrDefault("leadership.rewards.amount"));
            Assert.Equal(0.15m, counted.GetValueOrDefault("leadership.rewards.anonymous_amount"));
        }
    }

    private static async Task<int> Nodes(HazardPortal.Core.Data.AppDbContext db, string code) =>
        await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM metric_counts WHERE node = {code}").SingleAsync(Ct);
}

/// <summary>Villages, for the townships asked for only.</summary>
public class DivisionVillageTests(DivisionVillageTests.Own app) : DivisionImportTests, IClassFixture<DivisionVillageTests.Own>
{
    public sealed class Own : PortalApp;

    [Fact]
    public async Task A_township_s_villages_come_only_when_asked_for()
    {
        var without = DivisionImport.Read(Divisions(), new DivisionImport.Options(2023, new HashSet<string> { "50" }));
        Assert.DoesNotContain(without, d => d.Level == JurisdictionLevel.Village);
        var options = new DivisionImport.Options(2023, new HashSet<string> { "50" }, new HashSet<string> { "500229001000" });
        var list = DivisionImport.Read(Divisions(), options);
        Assert.Equal(10, list.Count(d => d.Level == JurisdictionLevel.Village)); // 葛城街道's ten communities and villages
        Assert.All(list.Where(d => d.Level == JurisdictionLevel.Village), d => Assert.Equal("500229001000", d.ParentCode));

        await using var db = app.SystemDb();
        var outcome = await DivisionImport.ImportAsync(db, list, options, Today, ct: Ct);
        Assert.Equal(0, outcome.Retired);
        var tucheng = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "500229001001", Ct);
        Assert.Equal(("土城社区居民委员会", "000000000000.500000000000.500200000000.500229000000.500229001000.500229001001"), (tucheng.Name, tucheng.Path.ToString()));
    }
}

/// <summary>
/// The whole 2023 list on the demo, as <c>./portal run</c> imports it at start-up: the tree API lists every node and says
/// which are onboarded; what enumerates children as the ones who report, fill or receive lists onboarded nodes only,
/// so the demo's boards, dashboards and public form are as they were.
/// </summary>
public class DivisionOnboardingTests(DivisionOnboardingTests.Own app) : DivisionImportTests, IClassFixture<DivisionOnboardingTests.Own>
{
    public sealed class Own : PortalApp;

    [Fact]
    public async Task The_whole_list_gives_31_provinces_and_every_township_by_name_while_only_onboarded_nodes_report()
    {
        using var national = await app.ClientForAsync("nat.office");
        var dashboardBefore = await national.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", Ct);
        using var county = await app.ClientForAsync("jx.office");
        var board = "/api/v1/dispatch/status?parent=360124000000&template=JX-COUNTY-2023&period=2023-09";
        var boardBefore = (await county.GetFromJsonAsync<JsonElement>(board, Ct)).GetRawText();
        List<PublicReports.PlaceOption> placesBefore;
        using (var scope = app.Services.CreateScope())
        {
            placesBefore = await scope.ServiceProvider.GetRequiredService<PublicReports>().PlacesAsync(Ct);
        }

        await using (var db = app.SystemDb())
        {
            var outcome = await DivisionImport.ImportListAsync(db, Divisions(), Today, Ct);
            // 东莞, 中山, 儋州 listed again as their own county row, 金门县 again as its own township row: each one node;
            // and 葛城街道's 10 villages (the township has villages in the demo).
            Assert.Equal(31 + 342 + 2978 + 41352 - 4 + 10, outcome.Listed);
            var again = await DivisionImport.ImportListAsync(db, Divisions(), Today, Ct);
            Assert.Equal((0, 0, 0), (again.Added, again.Changed, again.Retired));
        }

        // The tree: 31 provinces, in words, the demo's four onboarded; a township anywhere answers with its name.
        var provinces = (await national.GetFromJsonAsync<JsonElement>("/api/v1/jurisdictions/000000000000/children", Ct)).EnumerateArray().ToList();
        Assert.Equal(31, provinces.Count);
        Assert.All(provinces, p => Assert.True(p.GetProperty("levelName").GetString() == "省级", p.GetRawText()));
        Assert.Equal(["340000000000", "360000000000", "500000000000", "530000000000"],
            provinces.Where(p => p.GetProperty("onboarded").GetBoolean()).Select(p => p.GetProperty("code").GetString()!).ToArray());
        var town = await national.GetFromJsonAsync<JsonElement>("/api/v1/jurisdictions/441900003000", Ct); // 东莞市东城街道
        Assert.Equal(("东城街道", "Township", false, 2023), (town.GetProperty("name").GetString(), town.GetProperty("level").GetString(), town.GetProperty("onboarded").GetBoolean(), town.GetProperty("divisionYear").GetInt32()));
        var jiangxi = (await national.GetFromJsonAsync<JsonElement>("/api/v1/jurisdictions/360000000000/children", Ct)).EnumerateArray().ToList();
        Assert.Equal(11, jiangxi.Count);
        Assert.Equal("南昌市", Assert.Single(jiangxi, p => p.GetProperty("onboarded").GetBoolean()).GetProperty("name").GetString());

        // Who reports is unchanged: the national dashboard's rows, the county's board, the public form's places.
        var dashboardAfter = await national.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", Ct);
        Assert.Equal(Codes(dashboardBefore), Codes(dashboardAfter));
        Assert.Equal(4, Codes(dashboardAfter).Length);
        Assert.Equal(boardBefore, (await county.GetFromJsonAsync<JsonElement>(board, Ct)).GetRawText());
        using (var scope = app.Services.CreateScope())
        {
            var placesAfter = await scope.ServiceProvider.GetRequiredService<PublicReports>().PlacesAsync(Ct);
            Assert.Equal(placesBefore.Select(p => p.Code), placesAfter.Select(p => p.Code));
        }

        // A report to a county not onboarded is refused in words (nobody here would receive it); an onboarded one is filed.
        using var anonymous = app.Anonymous();
        var refused = await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { jurisdictionCode = "360102002000", location = "东湖区滕王阁街道", description = "楼道堆放液化气钢瓶", anonymous = true }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(refusal.GetRawText().Contains("12350", StringComparison.Ordinal), refusal.GetRawText());
        var filed = await anonymous.PostAsJsonAsync("/api/v1/public/reports", new { jurisdictionCode = "360124101000", location = "李渡镇老街", description = "楼道堆放液化气钢瓶", anonymous = true }, Ct);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
    }

    private static string[] Codes(JsonElement dashboard) =>
        [.. dashboard.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString()!)];
}
