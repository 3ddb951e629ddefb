using HazardPortal.Core;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Issue #15 §6 (docs/decisions/0016): a request reads from outside its scope only through a narrow function, which
/// answers its one question and leaves the caller's scope as it found it.
/// </summary>
public class NarrowReadTests(NarrowReadTests.App app) : IClassFixture<NarrowReadTests.App>
{
    public sealed class App : PortalApp;

    private const string Minhe = "000000000000.360000000000.360100000000.360124000000.360124100000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_township_s_cadre_routes_a_hazard_above_its_scope_and_keeps_its_scope()
    {
        await using var system = app.SystemDb();
        var firm = await system.Enterprises.Where(e => e.Name == "进贤县民和鑫达机械制造有限公司").Select(e => new { e.Id, e.Path, e.SectorCode }).SingleAsync(Ct);
        await using var db = app.Db(AccessScope.ForUser(Guid.NewGuid(), "probe", [Roles.TownshipCadre], Minhe, null, null));
        await db.Database.OpenConnectionAsync(Ct);
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        var unitsBefore = await db.Units.CountAsync(Ct);
        Assert.DoesNotContain(await db.Units.Select(u => u.Name).ToListAsync(Ct), n => n == "进贤县应急管理局"); // above the township

        var routed = await HazardRouting.UnitsForAsync(db, firm.Id, firm.Path.ToString(), firm.SectorCode, Ct);
        Assert.Equal([("进贤县应急管理局", RouteKind.LeadDepartment), ("民和镇人民政府", RouteKind.Township)], routed.Select(u => (u.Name, u.Kind)));

        // In the same transaction, the caller still sees its own subtree and nothing more.
        Assert.Equal(unitsBefore, await db.Units.CountAsync(Ct));
        Assert.Equal(Minhe, await db.Database.SqlQueryRaw<string>("SELECT current_setting('hp.scope_path') AS \"Value\"").SingleAsync(Ct));
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM units WHERE name = '进贤县应急管理局'").SingleAsync(Ct));
    }

    [Fact]
    public async Task The_issuance_graph_and_a_binding_come_back_whole_to_a_caller_that_sees_nothing()
    {
        await using var db = app.Db(AccessScope.ActorOnly("probe"));
        await db.Database.OpenConnectionAsync(Ct);
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM dispatch_issues").SingleAsync(Ct));
        Assert.True(await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM hp_issuance_graph()").SingleAsync(Ct) >= 4);
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM dispatch_issues").SingleAsync(Ct));

        var minhe = await db.Users.Where(u => u.UserName == "jx.minhe").Select(u => u.Id).SingleAsync(Ct);
        var binding = await UserBinding.LoadAsync(db, minhe, Ct);
        Assert.Equal(Minhe, binding!.Path);
        Assert.Equal(JurisdictionLevel.Township, binding.JurisdictionLevel);
        Assert.Null(await UserBinding.LoadAsync(db, Guid.NewGuid(), Ct));
        Assert.Equal(0, await db.Units.CountAsync(Ct));
    }
}
