using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;
using static HazardPortal.Tests.TestApi;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Issue #17 §5, 004 (淮北市) in full: a major hazard names its 责任部门 and 验收人 when it is registered and only that
/// accepting unit verifies it (谁检查、谁签名、谁负责); the detail and the ledger export show both; the enterprise's
/// 内部公示 lists open hazards and those rectified in the period with their 整改落实情况, and publishing it leaves a
/// dated record its township sees — and no one outside its scope does.
/// </summary>
public class AcceptanceAndNoticeTests(AcceptanceAndNoticeTests.App app) : IClassFixture<AcceptanceAndNoticeTests.App>
{
    public sealed class App : PortalApp;

    private async Task<Guid> EnterpriseAsync()
    {
        await using var db = app.SystemDb();
        return await db.Enterprises.Where(e => e.Name == "进贤县民和鑫达机械制造有限公司").Select(e => e.Id).SingleAsync();
    }

    private static object Plan => new { responsiblePerson = "车间主任 李强", measures = "加装防护罩", funds = 3000, deadline = Days(20), emergencyPlan = "停机挂牌" };

    [Fact]
    public async Task A_major_hazard_names_its_department_and_acceptor_and_only_that_unit_verifies_it()
    {
        var firm = await EnterpriseAsync();
        using var minhe = await app.ClientForAsync("jx.minhe");
        var options = await Json(await minhe.GetAsync($"/api/v1/hazards/assignees?enterpriseId={firm}"));
        var department = options.GetProperty("departments").EnumerateArray().First(d => d.GetProperty("role").GetString() == "牵头部门");
        Assert.Contains(options.GetProperty("acceptors").EnumerateArray(), a => a.GetProperty("role").GetString() == "属地乡镇");

        // Bad choices change nothing: an acceptor outside the options, a general hazard with an acceptor.
        var count = await CountAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await minhe.PostAsJsonAsync("/api/v1/hazards", new
        {
            enterpriseId = firm, title = "冲床无防护", grade = "Major", foundOn = Days(-1), plan = Plan, acceptingUnitId = Guid.NewGuid(),
        })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await minhe.PostAsJsonAsync("/api/v1/hazards", new
        {
            enterpriseId = firm, title = "通道堆物", grade = "General", foundOn = Days(-1), acceptingUnitId = department.GetProperty("id").GetGuid(),
        })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await minhe.PostAsJsonAsync("/api/v1/hazards", new
        {
            enterpriseId = firm, title = "冲床无防护", grade = "Major", foundOn = Days(-1), plan = Plan, acceptingPerson = new string('王', 101),
        })).StatusCode);
        Assert.Equal(count, await CountAsync());

        // 民和镇 registers it naming the lead department as both 责任部门 and accepting unit, with its person.
        var hazard = await Json(await minhe.PostAsJsonAsync("/api/v1/hazards", new
        {
            enterpriseId = firm, title = "冲床光电保护装置失效", grade = "Major", foundOn = Days(-2), plan = Plan,
            responsibleDepartmentId = department.GetProperty("id").GetGuid(), acceptingUnitId = department.GetProperty("id").GetGuid(), acceptingPerson = "王建国",
        }));
        var name = department.GetProperty("name").GetString()!;
        Assert.Equal(name, hazard.GetProperty("responsibleDepartment").GetString());
        Assert.Equal(name, hazard.GetProperty("acceptingUnit").GetString());
        Assert.Equal("王建国", hazard.GetProperty("acceptingPerson").GetString());
        var id = hazard.GetProperty("id").GetGuid();

        // The enterprise rectifies; the township that registered it may not verify — the named acceptor's unit does.
        using var firmClient = await app.ClientForAsync("jx.ent.minhe1");
        Assert.Equal("Reported", hazard.GetProperty("status").GetString()); // a hazard an official finds is on record at once
        hazard = await Json(await firmClient.PostAsJsonAsync($"/api/v1/hazards/{id}/rectify", new { rectifiedOn = Days(-1), description = "更换光电保护装置并试验合格", version = hazard.GetProperty("version").GetUInt32() }));
        var refused = await minhe.PostAsJsonAsync($"/api/v1/hazards/{id}/verify", new { verifiedOn = Days(0), passed = true, version = hazard.GetProperty("version").GetUInt32() });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(name, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var yjj = await app.ClientForAsync("jx.yjj");
        Assert.Equal("进贤县应急管理局", name); // INDTRADE's lead department in 进贤县
        hazard = await Json(await yjj.PostAsJsonAsync($"/api/v1/hazards/{id}/verify", new { verifiedOn = Days(0), passed = true, version = hazard.GetProperty("version").GetUInt32() }));
        Assert.Equal("Verified", hazard.GetProperty("status").GetString());

        // The ledger export carries both.
        using var book = new ClosedXML.Excel.XLWorkbook(await (await minhe.GetAsync("/api/v1/hazards/export.xlsx?q=冲床光电保护装置失效")).Content.ReadAsStreamAsync());
        var sheet = book.Worksheet(1);
        int Column(string header) => sheet.Row(2).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;
        Assert.Equal(name, sheet.Cell(3, Column("责任部门")).GetString());
        Assert.Equal($"{name}（王建国）", sheet.Cell(3, Column("指定验收单位（验收人）")).GetString());

        // Defaults: an enterprise's own major hazard names the lead department for both when it names none.
        var own = await Json(await firmClient.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = firm, title = "行车限位失灵", grade = "Major", foundOn = Days(-1), plan = Plan }));
        Assert.Equal(name, own.GetProperty("acceptingUnit").GetString());
        Assert.Equal(name, own.GetProperty("responsibleDepartment").GetString());
    }

    private async Task<int> CountAsync()
    {
        await using var db = app.SystemDb();
        return await db.Hazards.CountAsync();
    }

    [Fact]
    public async Task The_internal_notice_lists_open_and_rectified_hazards_and_its_publication_is_a_record_the_township_sees()
    {
        var firm = await EnterpriseAsync();
        using var officer = await app.ClientForAsync("jx.ent.minhe1");
        var from = Days(-30);
        var to = Days(0);

        // A hazard rectified inside the period, with what was done.
        var h = await Json(await officer.PostAsJsonAsync("/api/v1/hazards", new { enterpriseId = firm, title = "配电柜未接地", grade = "Major", foundOn = Days(-10), plan = Plan }));
        h = await Json(await officer.PostAsJsonAsync($"/api/v1/hazards/{h.GetProperty("id").GetGuid()}/report", new { reportedOn = Days(-10), version = h.GetProperty("version").GetUInt32() }));
        await Json(await officer.PostAsJsonAsync($"/api/v1/hazards/{h.GetProperty("id").GetGuid()}/rectify", new { rectifiedOn = Days(-3), description = "已重新敷设接地线并检测合格", version = h.GetProperty("version").GetUInt32() }));

        var preview = await Json(await officer.GetAsync($"/api/v1/hazard-notices/preview?from={from}&to={to}"));
        var rectified = preview.GetProperty("rectified").EnumerateArray().Single(l => l.GetProperty("title").GetString() == "配电柜未接地");
        Assert.Equal("已重新敷设接地线并检测合格", rectified.GetProperty("rectification").GetString());
        Assert.Equal("进贤县应急管理局", rectified.GetProperty("acceptance").GetString());
        Assert.DoesNotContain(preview.GetProperty("open").EnumerateArray(), l => l.GetProperty("title").GetString() == "配电柜未接地");
        Assert.True(preview.GetProperty("open").GetArrayLength() > 0);

        // Bad periods are refused and write nothing; only an enterprise publishes.
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/v1/hazard-notices", new { from = to, to = from })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/v1/hazard-notices", new { from, to = Days(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/v1/hazard-notices", new { })).StatusCode); // 0001-01-01: not a day of a record
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/v1/hazard-notices/preview?from=abc&to=2023-08-01")).StatusCode);
        var missing = await officer.GetAsync("/api/v1/hazard-notices/preview");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("请求的参数缺失或格式不正确", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the framework's own 400, in Chinese
        var wrong = await officer.PostAsJsonAsync("/api/v1/hazard-notices", new { from = "1999-01-01", to });
        Assert.Contains("公示期间的开始日期须在", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var minhe = await app.ClientForAsync("jx.minhe");
        Assert.Equal(HttpStatusCode.Forbidden, (await minhe.PostAsJsonAsync("/api/v1/hazard-notices", new { from, to })).StatusCode);
        Assert.Empty((await Json(await minhe.GetAsync("/api/v1/hazard-notices"))).EnumerateArray());

        var published = await Json(await officer.PostAsJsonAsync("/api/v1/hazard-notices", new { from, to }));
        Assert.Equal("鑫达机械 安全员 周磊", published.GetProperty("publishedBy").GetString());
        Assert.Equal(to, published.GetProperty("publishedOn").GetString());
        var id = published.GetProperty("id").GetGuid();

        // Its township and county see the record; the next township, another prefecture and another enterprise do not.
        var row = (await Json(await minhe.GetAsync("/api/v1/hazard-notices"))).EnumerateArray().Single();
        Assert.Equal("进贤县民和鑫达机械制造有限公司", row.GetProperty("enterprise").GetString());
        Assert.Equal("鑫达机械 安全员 周磊", row.GetProperty("publishedBy").GetString());
        // The other test of this class may rectify a hazard of the same enterprise in the period first: the record
        // counts what the preview showed at publication, whatever the order.
        Assert.Equal(preview.GetProperty("rectified").GetArrayLength(), row.GetProperty("rectifiedCount").GetInt32());
        Assert.Equal(preview.GetProperty("open").GetArrayLength(), row.GetProperty("openCount").GetInt32());
        using var county = await app.ClientForAsync("jx.office");
        Assert.Single((await Json(await county.GetAsync("/api/v1/hazard-notices"))).EnumerateArray());
        foreach (var outsider in new[] { "jx.lidu", "hb.office", "jx.ent.minhe2" })
        {
            using var c = await app.ClientForAsync(outsider);
            Assert.Empty((await Json(await c.GetAsync("/api/v1/hazard-notices"))).EnumerateArray());
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/api/v1/hazard-notices/{id}")).StatusCode);
        }

        // Through row security as well as the filter: a township elsewhere reads no row of the table.
        await using var other = app.Db(Core.Tenancy.AccessScope.ForUser(Guid.NewGuid(), "probe", [Core.Identity.Roles.TownshipCadre], "000000000000.360000000000.360100000000.360124000000.360124101000", null, null));
        Assert.Equal(0, await other.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM hazard_notices").SingleAsync());
    }
}
